import type { CheckResult } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import { formatCtrf } from '../src/report/format/format-ctrf.js';
import { safeStringify } from '../src/report/format/json-safe.js';
import { FormatReporter } from './format-reporter.js';

/** Writes ctrf.json (options: `output`, else stdout). */
export class CtrfReporter extends FormatReporter {
  protected render(results: CheckResult[], runInfo: RunInfo): string {
    return `${safeStringify(formatCtrf(results, runInfo), 2)}\n`;
  }
}
