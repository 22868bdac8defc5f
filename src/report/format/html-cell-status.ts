import type { OutcomeCounts } from '../../results/summarise-results.js';

/**
 * How a matrix cell reads. `fail` follows the exit-status rule (a MUST failed or errored, not waived),
 * so a red cell always explains a FAIL verdict; `partial` is failures that do not block (SHOULD, waived).
 */
export type CellStatus = 'pass' | 'partial' | 'fail' | 'skipped';

export function cellStatus(counts: OutcomeCounts): CellStatus {
  if (counts.blocking > 0) return 'fail';
  if (counts.failed + counts.errored > 0) return 'partial';
  if (counts.passed === 0) return 'skipped';
  return 'pass';
}

/** The mark shown beside the word, so a cell never speaks by colour alone. */
export const CELL_MARK: Record<CellStatus, string> = { pass: '✓', partial: '◐', fail: '✗', skipped: '○' };

/** `2/4 passed · 1 failed · 1 errored`: the counts a cell shows under its status word. */
export function cellCounts(counts: OutcomeCounts): string {
  const ran = counts.total - counts.skipped;
  const parts = ran > 0 ? [`${counts.passed}/${ran} passed`] : [];
  if (counts.failed > 0) parts.push(`${counts.failed} failed`);
  if (counts.errored > 0) parts.push(`${counts.errored} errored`);
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  if (counts.waived > 0) parts.push(`${counts.waived} waived`);
  return parts.join(' · ');
}
