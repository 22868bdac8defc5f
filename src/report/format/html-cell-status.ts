import type { OutcomeCounts } from '../../results/summarise-results.js';
import type { DisplayCounts } from './verdict.js';

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

/**
 * `2/4 passed · 1 failed · 1 errored`: the counts a cell shows under its status word; waived results
 * apart from the failures, results not reached apart from the skipped.
 */
export function cellCounts(c: DisplayCounts): string {
  const judged = c.passed + c.failed + c.errored + c.waived;
  const parts = judged > 0 ? [`${c.passed}/${judged} passed`] : [];
  if (c.failed > 0) parts.push(`${c.failed} failed`);
  if (c.errored > 0) parts.push(`${c.errored} errored`);
  if (c.waived > 0) parts.push(`${c.waived} waived`);
  if (c.skipped > 0) parts.push(`${c.skipped} skipped`);
  if (c.notReached > 0) parts.push(`${c.notReached} not reached`);
  return parts.join(' · ');
}
