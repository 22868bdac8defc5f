import { formatConsoleSummary, formatResultLine } from '../report/format/format-console-summary.js';
import type { CheckResult } from '../results/check-result.js';
import type { RunInfo } from '../results/run-info.js';

/** The end of a load run for a person: one line per load result (the figures are in the messages), the table and verdict, where the report is. */
export function formatLoadSummary(results: readonly CheckResult[], runInfo: RunInfo, options: { color: boolean; outDir: string }): string {
  const lines = results.map((r) => formatResultLine(r, { color: options.color }));
  return `${lines.join('\n')}\n\n${formatConsoleSummary(results, runInfo, { color: options.color })}report: ${options.outDir}\n`;
}
