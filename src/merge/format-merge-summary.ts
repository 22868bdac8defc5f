import { formatConsoleSummary } from '../report/format/format-console-summary.js';
import { terminalText } from '../report/format/terminal-text.js';
import type { LoadedReport } from './read-report.js';
import type { MergeOutcome } from './merge-reports.js';

const MAX_DUPLICATES_SHOWN = 20;

/** What `report merge` prints: the inputs, the matrix and verdict, the duplicates, and the files written. */
export function formatMergeSummary(reports: readonly LoadedReport[], merged: MergeOutcome, written: readonly string[], options: { color?: boolean } = {}): string {
  const lines = [`merged ${reports.length} ${reports.length === 1 ? 'report' : 'reports'} (suite ${merged.runInfo.suiteVersion}):`];
  for (const r of reports) {
    const shard = r.runInfo.shard === undefined ? '' : ` shard ${r.runInfo.shard}`;
    lines.push(`  ${r.source}: ${r.runInfo.command}${shard}, ${r.results.length} results, dps-conformance ${r.runInfo.tool.version}`);
  }
  lines.push('');
  const out = [lines.map(terminalText).join('\n'), '\n', formatConsoleSummary(merged.results, merged.runInfo, options)];
  if (merged.duplicates.length > 0) {
    const conflicting = merged.duplicates.filter((d) => d.conflicting).length;
    const dup = ['', `warning: ${merged.duplicates.length} results appear more than once (${conflicting} with different outcomes); all copies are kept and counted:`];
    for (const d of merged.duplicates.slice(0, MAX_DUPLICATES_SHOWN)) {
      dup.push(`  ${d.key}: ${d.occurrences.map((o) => `${o.outcome} in ${o.source}`).join(', ')}`);
    }
    if (merged.duplicates.length > MAX_DUPLICATES_SHOWN) dup.push(`  ... and ${merged.duplicates.length - MAX_DUPLICATES_SHOWN} more`);
    out.push(`${dup.map(terminalText).join('\n')}\n`);
  }
  out.push(`\nwrote ${written.map(terminalText).join(', ')}\n`);
  return out.join('');
}
