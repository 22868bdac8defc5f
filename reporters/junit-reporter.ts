import type { CheckResult } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import { formatJunit } from '../src/report/format/format-junit.js';
import { FormatReporter } from './format-reporter.js';

/** Writes junit.xml (options: `output`, else stdout). */
export class JunitReporter extends FormatReporter {
  protected render(results: CheckResult[], runInfo: RunInfo): string {
    return formatJunit(results, runInfo);
  }
}
