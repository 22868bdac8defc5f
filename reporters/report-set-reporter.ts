import Mocha from 'mocha';
import { performance } from 'node:perf_hooks';
import { REPORT_FILES } from '../src/report/format/report-files.js';
import type { CheckResult, ImplementationRef } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import { join } from 'node:path';
import type { CheckMeta, CheckTest } from '../src/runner/check-meta.js';
import { formatPlan } from '../src/report/format/format-plan.js';
import { writeReportSet, type WriteReportSetOptions } from '../src/report/write-report-set.js';
import { ConsoleView, type ConsoleMode, type ConsoleViewOptions } from './console-view.js';
import { ResultReporter, type ResultReporterOptions } from './result-reporter.js';

export type ReportSetReporterOptions = ResultReporterOptions &
  WriteReportSetOptions &
  Omit<ConsoleViewOptions, 'mode'> & {
    /** the report directory (`--out`); default `./conformance-report` */
    outDir?: string;
    /** console output mode (`--reporter`), or `none` */
    console?: ConsoleMode | 'none';
    /** the name the plan gives an implementation (its display name, as every report gives it) */
    labelImplementation?: (implementation: ImplementationRef) => string;
  };

/**
 * The reporter every command that runs checks uses: shows progress and the summary table on the
 * console and writes the whole report set (ctrf.json, junit.xml, summary.md, ...) into `outDir`.
 */
/** The check metas of every test the run will run, in order. */
function plannedChecks(suite: Mocha.Suite): CheckMeta[] {
  const own = suite.tests.map((test: CheckTest) => test.dpsc?.meta).filter((meta): meta is CheckMeta => meta !== undefined);
  return [...own, ...suite.suites.flatMap(plannedChecks)];
}

export class ReportSetReporter extends ResultReporter {
  private readonly view: ConsoleView | undefined;

  constructor(runner: Mocha.Runner, mochaOptions?: Mocha.MochaOptions) {
    super(runner, mochaOptions);
    const options = this.options as ReportSetReporterOptions;
    const mode = options.console ?? 'summary';
    this.view = mode === 'none' ? undefined : new ConsoleView({ ...options, mode });
    runner.on(Mocha.Runner.constants.EVENT_TEST_BEGIN, (test: CheckTest) => this.view?.begin(test.dpsc?.meta.checkId ?? ''));
    runner.once(Mocha.Runner.constants.EVENT_RUN_BEGIN, () => {
      const root = (runner as { suite?: Mocha.Suite }).suite;
      const metas = root ? plannedChecks(root) : [];
      this.view?.plan(formatPlan(metas, options.labelImplementation), metas.length);
    });
    // a phase is one suite under the root: one implementation (or the webhook) and its checks
    runner.on(Mocha.Runner.constants.EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
      if (suite.parent?.root === true) this.view?.beginPhase(suite.title);
    });
  }

  protected override resultAdded(result: CheckResult): void {
    this.view?.result(result);
  }

  protected override async finish(results: CheckResult[], runInfo: RunInfo): Promise<void> {
    const options = this.options as ReportSetReporterOptions;
    const outDir = options.outDir ?? './conformance-report';
    this.view?.end(results, runInfo);
    const started = performance.now();
    const startMs = Date.now() - Date.parse(runInfo.startedAt);
    const written = await writeReportSet(outDir, results, runInfo, options);
    const ms = Math.round(performance.now() - started);
    if (runInfo.phases) {
      // a timed run: ctrf.json gets the report writing phase too (rewritten alone, after the others)
      runInfo.phases.push({ name: 'report writing', startMs: Number.isFinite(startMs) ? startMs : 0, ms });
      await writeReportSet(outDir, results, runInfo, { ...options, stepSummary: false, files: REPORT_FILES.filter((f) => f.name === 'ctrf.json'), badges: false, attachments: [] });
    }
    if (options.console !== 'json' && options.console !== 'none') {
      const stream = options.stream ?? process.stdout;
      stream.write(`reports written to ${outDir} in ${ms} ms${written.stepSummary ? ' (summary also added to the job summary)' : ''}\n`);
      stream.write(`open ${join(outDir, 'report.html')}: each failure by cause, with its evidence\n`);
    }
  }
}
