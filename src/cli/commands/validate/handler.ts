import type { CommandHandler } from '../../command-context.js';
import { usageError } from '../../../errors/harness-error.js';
import { ExitStatus } from '../../exit-status.js';
import { readJsonFile } from '../../../json/parse-json-file.js';
import { getSchemaRegistry } from '../../../schemas/schema-registry.js';
import { formatReadableErrors } from '../../../schemas/readable-errors.js';
import type { ValidateCommandOptions } from './define.js';
import { DIALECTS, type Dialect } from '../../../results/check-result.js';
import { DIALECT_MEMBERS, otherDialectMembers } from '../../../schemas/other-dialect-members.js';

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
  const outcome = registry.validate(schema, undefined, document);
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
  const count = outcome.errors.length;
  stdout.write(`invalid: ${options.file} does not conform to ${outcome.schema} (${count} ${count === 1 ? 'error' : 'errors'}):\n`);
  for (const line of formatReadableErrors(outcome.errors)) stdout.write(`  ${line}\n`);
  return Promise.resolve(ExitStatus.MUST_FAILED);
};
