import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { ctrfChunks, ctrfText } from './ctrf-text.js';
import { formatHtml } from './format-html.js';
import { formatJunit, junitChunks } from './format-junit.js';
import { formatMarkdown } from './format-markdown.js';
import type { ReportFileOptions } from './report-file-options.js';

export type { ReportFileOptions } from './report-file-options.js';

/** One file of the report set: its name in the output directory and the pure function that renders it. */
export interface ReportFile {
  name: string;
  render: (results: readonly CheckResult[], runInfo: RunInfo, options: ReportFileOptions) => string;
  /** the same text in pieces, for the formats that grow with the results (written without holding the whole file) */
  chunks?: (results: readonly CheckResult[], runInfo: RunInfo, options: ReportFileOptions) => Iterable<string>;
}

/**
 * The files every run writes (docs/contract/reports.md), in writing order. Extension point: a new format
 * is one more entry here; writeReportSet and the reporters pick it up.
 */
export const REPORT_FILES: readonly ReportFile[] = [
  { name: 'ctrf.json', render: ctrfText, chunks: ctrfChunks },
  { name: 'junit.xml', render: formatJunit, chunks: junitChunks },
  { name: 'summary.md', render: (results, runInfo, options) => formatMarkdown(results, runInfo, markdownOptions(options)) },
  { name: 'report.html', render: formatHtml },
];

function markdownOptions(options: ReportFileOptions): { maxBytes?: number; badgeBaseUrl?: string } {
  return {
    ...(options.markdownMaxBytes === undefined ? {} : { maxBytes: options.markdownMaxBytes }),
    ...(options.badgeBaseUrl === undefined ? {} : { badgeBaseUrl: options.badgeBaseUrl }),
  };
}
