import Mocha from 'mocha';
import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import type { ResultReporterOptions } from '../../../reporters/result-reporter.js';

export interface RunChecksOptions<Options extends ResultReporterOptions = ResultReporterOptions> {
  /** the reporter class (usually the report-set reporter, which writes every file) */
  reporter: new (runner: Mocha.Runner, options?: Mocha.MochaOptions) => Mocha.reporters.Base;
  reporterOptions: Options;
  /** adds the suites and checks to mocha's root suite; may do async work (connecting, loading cases) */
  build: (root: Mocha.Suite) => void | Promise<void>;
  /** stops the run between tests (SIGINT); the results so far are written */
  signal?: AbortSignal;
}

export interface RunChecksOutcome {
  results: CheckResult[];
  runInfo: RunInfo;
  aborted: boolean;
}

/** Runs checks through mocha programmatically (no spec files) and resolves with what the reporter collected. */
export async function runChecks<Options extends ResultReporterOptions>(options: RunChecksOptions<Options>): Promise<RunChecksOutcome> {
  const mocha = new Mocha({ timeout: 0, bail: false });
  await options.build(mocha.suite);
  let collected: { results: CheckResult[]; runInfo: RunInfo } | undefined;
  let writeError: Error | undefined;
  const userOnEnd = options.reporterOptions.onEnd;
  mocha.reporter(options.reporter, {
    ...options.reporterOptions,
    onError: (error: unknown) => {
      writeError ??= error instanceof Error ? error : new Error(String(error));
    },
    onEnd: (results: CheckResult[], runInfo: RunInfo) => {
      collected = { results, runInfo };
      userOnEnd?.(results, runInfo);
    },
  });
  let aborted = false;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    const onAbort = (): void => {
      aborted = true;
      const runInfo = options.reporterOptions.runInfo;
      if (runInfo) {
        runInfo.incomplete = true;
        runInfo.incompleteReason ??= 'interrupted';
      }
      runner.abort();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  // mocha's runner keeps its uncaughtException and unhandledRejection listeners on the process after
  // the run; a caller that runs checks in its own process (a test, the programmatic API) must not
  // collect one pair per run, nor have a finished run catch its errors
  mocha.dispose();
  // a report that could not be written is a harness error (exit 2), after the run has finished
  if (writeError !== undefined) throw writeError;
  if (!collected) throw new Error('the reporter did not report the end of the run');
  return { ...collected, aborted };
}
