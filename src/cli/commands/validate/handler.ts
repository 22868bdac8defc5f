import type { CommandHandler } from '../../command-context.js';
import { usageError } from '../../../errors/harness-error.js';
import { ExitStatus } from '../../exit-status.js';
import { readJsonFile } from '../../../json/parse-json-file.js';
import { getSchemaRegistry } from '../../../schemas/schema-registry.js';
import { formatReadableErrors } from '../../../schemas/readable-errors.js';
import type { ValidateCommandOptions } from './options.js';
import { DIALECTS, type Dialect } from '../../../results/check-result.js';
import { DIALECT_MEMBERS, otherDialectMembers } from '../../../schemas/other-dialect-members.js';
import { readDeviceDataMembers } from '../../../webhook-profile/device-data-member.js';

/** `ga/allocation-response` -> `ga`: the dialect a schema belongs to, if any. */
function dialectOfSchema(name: string): Dialect | undefined {
  const head = name.split('/', 1)[0];
  return DIALECTS.find((d) => d === head);
}

export const handle: CommandHandler<ValidateCommandOptions> = (options, { stdout, stderr }) => {
  const registry = getSchemaRegistry();
  if (options.list) {
    const names = registry.names().filter((n) => n !== 'common/defs');
    stdout.write('Schemas (a name without a directory is looked up in the --dialect directory, ga by default):\n');
    for (const name of names) stdout.write(`  ${name}\n`);
    return Promise.resolve(ExitStatus.OK);
  }
  if (options.schema === undefined || options.file === undefined) {
    throw usageError('validate needs a schema name and a file: `dps-conformance validate SCHEMA FILE [--dialect ga|preview]` (`validate --list` names the schemas)');
  }
  const schema = registry.resolve(options.schema, options.dialect);
  const document = readJsonFile(options.file);
  // a profile or case file is judged as the commands read it: `data` is `payload`, with a warning
  const deviceData = readDeviceDataMembers(schema, document);
  for (const warning of deviceData.warnings) stderr.write(`warning: ${options.file}: ${warning}\n`);
  const schemaOutcome = registry.validate(schema, undefined, document);
  const outcome = deviceData.problems.length === 0 ? schemaOutcome : { ...schemaOutcome, valid: false };
  const dialect = dialectOfSchema(outcome.schema);
  if (dialect !== undefined) {
    const other = dialect === 'ga' ? 'preview' : 'ga';
    for (const pointer of otherDialectMembers(document, dialect)) {
      stderr.write(`warning: ${pointer} is a member of the ${other} dialect; ${dialect} uses ${DIALECT_MEMBERS[dialect]}. The schema allows unknown members, so this passes, but a ${dialect} DPS ignores it\n`);
    }
  }
  if (outcome.valid) {
    stdout.write(`valid: ${options.file} conforms to ${outcome.schema}\n`);
    return Promise.resolve(ExitStatus.OK);
  }
  const lines = [...deviceData.problems, ...formatReadableErrors(outcome.errors)];
  const count = lines.length;
  stdout.write(`invalid: ${options.file} does not conform to ${outcome.schema} (${count} ${count === 1 ? 'error' : 'errors'}):\n`);
  for (const line of lines) stdout.write(`  ${line}\n`);
  return Promise.resolve(ExitStatus.MUST_FAILED);
};
