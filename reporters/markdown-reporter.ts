import type { CheckResult } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import { formatMarkdown } from '../src/report/format/format-markdown.js';
import { FormatReporter, type FormatReporterOptions } from './format-reporter.js';

export type MarkdownReporterOptions = FormatReporterOptions & { maxBytes?: number };

/** Writes summary.md (options: `output`, else stdout; `maxBytes`, default 1 MiB). */
export class MarkdownReporter extends FormatReporter {
  protected render(results: CheckResult[], runInfo: RunInfo): string {
    const { maxBytes } = this.options as MarkdownReporterOptions;
    return formatMarkdown(results, runInfo, maxBytes === undefined ? {} : { maxBytes });
  }
}
