import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, type OutcomeCounts } from '../../results/summarise-results.js';

export interface Verdict {
  /** no blocking result (a MUST that failed or errored, not waived): the exit status is 0 */
  pass: boolean;
  counts: OutcomeCounts;
  /** e.g. `FAIL: 2 blocking (MUST failed or errored) · 10 results: 7 passed, 2 failed, 1 errored, 0 skipped` */
  line: string;
  /** set when the run stopped early: the results are partial */
  incomplete?: string;
}

/** The one-line verdict every report leads with, from the same rule as the exit status (docs/contract/cli.md). */
export function verdictOf(results: readonly CheckResult[], runInfo: RunInfo): Verdict {
  const counts = countOutcomes(results);
  const pass = counts.blocking === 0;
  const head = pass ? 'PASS: every MUST check passed' : `FAIL: ${counts.blocking} blocking (MUST failed or errored)`;
  const notReached = counts.notReached > 0 ? ` (${counts.notReached} not reached)` : '';
  const waived = counts.waived > 0 ? `, ${counts.waived} waived` : '';
  const line = `${head} · ${counts.total} results: ${counts.passed} passed, ${counts.failed} failed, ${counts.errored} errored, ${counts.skipped} skipped${notReached}${waived}`;
  const verdict: Verdict = { pass, counts, line };
  if (runInfo.incomplete) verdict.incomplete = `incomplete run (${runInfo.incompleteReason ?? 'stopped early'}): these results are partial`;
  return verdict;
}
