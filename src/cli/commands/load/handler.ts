import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { checkInputFiles, checkOutDir } from '../../preflight-paths.js';
import { usageError } from '../../../errors/harness-error.js';
import { withFunctionKey } from '../../../http/function-key-url.js';
import { loopbackWebhookUrl } from '../../../load/loopback-url.js';
import { loadResults } from '../../../load/load-results.js';
import { runLoad, type LoadTarget } from '../../../load/run-load.js';
import { formatLoadSummary } from '../../../load/format-load-summary.js';
import { writeReportSet } from '../../../report/write-report-set.js';
import { isBlocking, type ImplementationRef } from '../../../results/check-result.js';
import { SecretRedactor } from '../../../results/secret-redactor.js';
import { createRunInfo } from '../../../runner/create-run-info.js';
import { packageVersion } from '../../../meta/package-info.js';
import { startReferenceWebhook } from '../../../../implementations/reference-webhook/start-reference-webhook.js';
import { corpusMix, readMixProfile } from './corpus-mix.js';
import { warnTo } from '../../warn-to.js';
import type { LoadCommandOptions } from './options.js';
import { exportLoad } from './export-load.js';

/** Bounds on one run, so a typo cannot start an endless or enormous one. */
const MAX_DURATION_S = 3600;
const MAX_RATE = 20_000;
const MAX_DEVICES = 10_000;

/**
 * `dps-conformance load`: a steady, open-loop load of DPS-shaped allocation requests on a webhook
 * (`--webhook`), or of registrations by a fleet of simulated devices through the emulator
 * (`--emulator`, end to end through `--webhook` or the in-process reference webhook). Reports
 * latency percentiles, throughput, errors and timeouts as `load.*` results in the usual report set.
 * Ctrl-C stops it and still writes the report, marked incomplete. Loopback targets only, unless `--allow-remote`.
 */
export const handle: CommandHandler<LoadCommandOptions> = async (options, context) => {
  if (options.duration > MAX_DURATION_S) throw usageError(`--duration is at most ${MAX_DURATION_S} seconds, got ${options.duration}`);
  if (options.rate > MAX_RATE) throw usageError(`--rate is at most ${MAX_RATE} per second, got ${options.rate}`);
  if (options.devices > MAX_DEVICES) throw usageError(`--devices is at most ${MAX_DEVICES}, got ${options.devices}`);
  if (!options.emulator && options.webhook === undefined) throw usageError('load needs a target: --webhook URL, or --emulator (with --webhook to make it end to end)');
  if (options.emulator && options.profile !== undefined) {
    throw usageError(
      "--profile shapes the requests of a --webhook run; with --emulator the fleet's devices register as themselves",
    );
  }
  await checkInputFiles([['--profile', options.profile]]);
  if (options.export !== undefined) return exportLoad(options, context);
  await checkOutDir(options.out);
  const mix = corpusMix(options.dialect, readMixProfile(options.profile, warnTo(context)));
  const redactor = new SecretRedactor().add(options.functionKey);
  const given =
    options.webhook === undefined
      ? undefined
      : withFunctionKey(loopbackWebhookUrl(options.webhook, options.allowRemote === true), options.functionKey);
  const target: LoadTarget = options.emulator
    ? {
        mode: 'emulator',
        devices: options.devices,
        transport: options.transport,
        ...(given ? { webhookUrl: given } : {}),
        startDefaultWebhook: () => startReferenceWebhook({ port: 0 }),
      }
    : { mode: 'webhook', url: given as URL };
  const implementation: ImplementationRef = given
    ? { name: redactor.redact(given.toString()) }
    : { name: 'dps-conformance emulator + reference webhook', version: packageVersion };

  const runInfo = createRunInfo('load');
  const outcome = await runLoad({
    target,
    ratePerSecond: options.rate,
    durationS: options.duration,
    timeoutMs: options.timeout,
    dialect: options.dialect,
    mix,
    signal: context.signal,
    stdout: context.stdout,
    isTTY: context.isTTY,
  });
  runInfo.finishedAt = new Date().toISOString();
  if (context.signal.aborted || outcome.schedule.stoppedEarly) {
    runInfo.incomplete = true;
    runInfo.incompleteReason = `interrupted after ${(outcome.schedule.windowMs / 1000).toFixed(1)} of ${options.duration} s`;
  }
  const results = loadResults({
    implementation,
    transport: target.mode === 'webhook' ? 'http' : target.transport,
    ratePerSecond: options.rate,
    durationS: options.duration,
    timeoutMs: options.timeout,
    ...(target.mode === 'emulator' ? { devices: target.devices } : {}),
    schedule: outcome.schedule,
    figures: outcome.figures,
  }).map((r) => redactor.redactDeep(r));
  await writeReportSet(options.out, results, runInfo);
  context.stdout.write(formatLoadSummary(results, runInfo, { color: context.isTTY, outDir: options.out }));
  return results.some(isBlocking) ? ExitStatus.MUST_FAILED : ExitStatus.OK;
};
