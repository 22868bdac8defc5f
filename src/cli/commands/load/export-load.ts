import { join, resolve } from 'node:path';
import type { CommandContext } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { checkOutDir } from '../../preflight-paths.js';
import { reportWriteError, usageError } from '../../../errors/harness-error.js';
import { parseHttpUrl } from '../../../http/parse-http-url.js';
import { prepareWebhookRequests } from '../../../load/load-mix.js';
import { corpusMix, readMixProfile } from './corpus-mix.js';
import { warnTo } from '../../warn-to.js';
import { artilleryExport, FUNCTION_KEY_VARIABLE, SCENARIO_FILE } from '../../../load/export/artillery-export.js';
import { writeFileAtomic } from '../../../report/atomic-write.js';
import type { LoadCommandOptions } from './options.js';

/** Engines `--export` can write for. */
const ENGINES = ['artillery'] as const;

/**
 * `load --export <engine> <dir>`: writes the `--webhook` run (corpus mix, rate, duration, timeout,
 * pass criteria) as a scenario for a distributed engine, sends nothing, and says how to run it. The
 * function key (from `?code=` or --function-key) goes into no file: the scenario reads it from
 * DPSC_FUNCTION_KEY. No loopback rule applies, as no traffic leaves this command.
 */
export async function exportLoad(options: LoadCommandOptions, context: CommandContext): Promise<number> {
  const [engine, dir, ...extra] = options.export ?? [];
  if (engine === undefined || dir === undefined || extra.length > 0) throw usageError(`--export takes an engine and a directory, e.g. --export artillery ./load-scenario (engines: ${ENGINES.join(', ')})`);
  if (!(ENGINES as readonly string[]).includes(engine)) throw usageError(`--export: unknown engine "${engine}" (engines: ${ENGINES.join(', ')})`);
  if (options.emulator || options.webhook === undefined) throw usageError('--export writes a --webhook run; it does not cover --emulator');
  const url = parseHttpUrl(options.webhook, '--webhook');
  const keyRequired = options.functionKey !== undefined || url.searchParams.has('code');
  const files = artilleryExport({
    url,
    keyRequired,
    requests: prepareWebhookRequests(corpusMix(options.dialect, readMixProfile(options.profile, warnTo(context))), url.toString()),
    ratePerSecond: options.rate,
    durationS: options.duration,
    timeoutMs: options.timeout,
  });
  await checkOutDir(dir, '--export artillery');
  const out = resolve(dir);
  try {
    for (const file of files) await writeFileAtomic(join(out, file.name), file.text);
  } catch (error) {
    throw reportWriteError(out, error);
  }
  const key = keyRequired ? `${FUNCTION_KEY_VARIABLE}=<function key> ` : '';
  context.stdout.write(
    [
      `wrote an Artillery scenario (${files.map((f) => f.name).join(', ')}) to ${out}`,
      `run it here:        ${key}npx artillery run ${join(out, SCENARIO_FILE)}`,
      'run it distributed: see docs/load-distributed.md (artillery run-fargate / run-lambda / run-aci)',
      keyRequired ? `the function key is in no file: set ${FUNCTION_KEY_VARIABLE} where the scenario runs` : 'no function key: the webhook is called without ?code=',
      '',
    ].join('\n'),
  );
  return ExitStatus.OK;
}
