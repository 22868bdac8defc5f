import Mocha from 'mocha';
import type { CheckResult } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import type { CheckTest } from '../src/runner/check-meta.js';
import { ConsoleView, type ConsoleViewOptions } from './console-view.js';
import { ResultReporter, type ResultReporterOptions } from './result-reporter.js';

export type ConsoleReporterOptions = ResultReporterOptions & ConsoleViewOptions;

/** Console output only (modes summary, verbose, quiet, json); writes no files. */
export class ConsoleReporter extends ResultReporter {
  private readonly view: ConsoleView;

  constructor(runner: Mocha.Runner, mochaOptions?: Mocha.MochaOptions) {
    super(runner, mochaOptions);
    const options = this.options as ConsoleReporterOptions;
    this.view = new ConsoleView(options);
    runner.on(Mocha.Runner.constants.EVENT_TEST_BEGIN, (test: CheckTest) => this.view.begin(test.dpsc?.meta.checkId ?? ''));
  }

  protected override resultAdded(result: CheckResult): void {
    this.view.result(result);
  }

  protected override finish(results: CheckResult[], runInfo: RunInfo): void {
    this.view.end(results, runInfo);
  }
}
