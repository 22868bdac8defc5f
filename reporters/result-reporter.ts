import Mocha from 'mocha';
import type { CheckResult } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import { resultFromTest } from '../src/runner/result-from-test.js';

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

/** Options every result reporter takes through mocha's `reporterOptions`. */
export interface ResultReporterOptions {
  runInfo?: RunInfo;
  /** where to write; reporters that write files fall back to stdout when absent */
  output?: string;
  /** applied to all results before they are written (waivers, redaction) */
  postProcess?: (results: CheckResult[]) => CheckResult[];
  /**
   * called once every result is in and post-processed, before anything is written: may complete the run
   * info the reports show (what the waivers did)
   */
  describeRun?: (results: readonly CheckResult[]) => void;
  /** receives each result as it is produced, already through `postProcess` (progress displays) */
  onResult?: (result: CheckResult) => void;
  /** receives the final results once the run ends */
  onEnd?: (results: CheckResult[], runInfo: RunInfo) => void;
  /** receives an error from writing the output (a HarnessError); without it the error is printed to stderr */
  onError?: (error: unknown) => void;
}

export function defaultRunInfo(): RunInfo {
  return {
    tool: { name: 'dps-conformance', version: '0.0.0' },
    command: 'unknown',
    suiteVersion: 'unknown',
    startedAt: new Date().toISOString(),
  };
}

/**
 * Base of every reporter: listens to the runner's events, turns each finished test into a CheckResult,
 * and hands the whole list to `finish` when the run ends (after mocha's json reporter).
 */
export class ResultReporter extends Mocha.reporters.Base {
  protected readonly results: CheckResult[] = [];
  protected readonly options: ResultReporterOptions;

  constructor(runner: Mocha.Runner, mochaOptions?: Mocha.MochaOptions) {
    super(runner, mochaOptions);
    const given = mochaOptions as { reporterOptions?: ResultReporterOptions; reporterOption?: ResultReporterOptions } | undefined;
    this.options = given?.reporterOption ?? given?.reporterOptions ?? {};
    runner.on(EVENT_TEST_PASS, (test) => this.add(resultFromTest(test, 'pass')));
    runner.on(EVENT_TEST_PENDING, (test) => this.add(resultFromTest(test, 'pending')));
    runner.on(EVENT_TEST_FAIL, (test, error) => this.add(resultFromTest(test, 'fail', error)));
    runner.once(EVENT_RUN_END, () => {
      const results = this.options.postProcess ? this.options.postProcess(this.results) : this.results;
      this.options.describeRun?.(results);
      const runInfo = { ...(this.options.runInfo ?? defaultRunInfo()) };
      runInfo.finishedAt ??= new Date().toISOString();
      const writing = this.finish(results, runInfo);
      if (writing) this.writing = writing.catch((error: unknown) => this.writeFailed(error));
      this.options.onEnd?.(results, runInfo);
    });
  }

  private writing: Promise<void> | undefined;

  private add(result: CheckResult): void {
    this.results.push(result);
    // streamed output must not bypass redaction either: the hooks see the result post-processed
    const visible = this.processed(result);
    this.resultAdded(visible);
    this.options.onResult?.(visible);
  }

  /** Mocha waits for this before it reports the run as done, so files are complete when `runChecks` resolves. */
  override done(failures: number, fn?: (failures: number) => void): void {
    void (this.writing ?? Promise.resolve()).then(() => fn?.(failures));
  }

  /** One result through `postProcess` (redaction, waivers), for output that streams before the run ends. */
  protected processed(result: CheckResult): CheckResult {
    return this.options.postProcess ? (this.options.postProcess([result])[0] ?? result) : result;
  }

  private writeFailed(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else process.stderr.write(`dps-conformance: ${error instanceof Error ? error.message : String(error)}\n`);
  }

  /** Called with each result as it is produced, already through `postProcess`. */
  protected resultAdded(_result: CheckResult): void {}

  /**
   * Called once with every (post-processed) result when the run ends; subclasses write their format
   * here. A returned promise is awaited before mocha finishes (see `done`); its rejection goes to `onError`.
   */
  protected finish(_results: CheckResult[], _runInfo: RunInfo): void | Promise<void> {}
}
