import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, type OutcomeCounts } from '../../results/summarise-results.js';

export interface Verdict {
  /** no blocking result (a MUST that failed or errored, not waived): the exit status is 0 */
  pass: boolean;
  counts: OutcomeCounts;
  /** e.g. `FAIL: 2 blocking (MUST failed or errored) · 10 results: 6 passed, 2 failed, 1 errored, 1 waived, 0 skipped` */
  line: string;
  /** set when the run stopped early: the results are partial */
  incomplete?: string;
}

/** How a report counts results: each once, waived apart from failed and errored, not reached within skipped. */
export interface DisplayCounts {
  passed: number;
  /** failed and not waived */
  failed: number;
  /** errored and not waived */
  errored: number;
  /** failed or errored, accepted by a waiver */
  waived: number;
  /** skipped for a reason of their own (not reached excluded) */
  skipped: number;
  /** skipped because a failure in the same case stopped them */
  notReached: number;
}

/** How a report counts a set of results, in one pass (a matrix asks this of every cell). */
export function displayCountsOf(results: readonly CheckResult[]): DisplayCounts {
  const c: DisplayCounts = { passed: 0, failed: 0, errored: 0, waived: 0, skipped: 0, notReached: 0 };
  for (const r of results) {
    if (r.outcome === 'passed') c.passed += 1;
    else if (r.outcome === 'skipped') {
      if (r.blockedBy === undefined) c.skipped += 1;
      else c.notReached += 1;
    } else if (r.waived !== undefined) c.waived += 1;
    else if (r.outcome === 'failed') c.failed += 1;
    else c.errored += 1;
  }
  return c;
}

/**
 * `6 passed, 2 failed, 1 errored, 1 waived, 1 skipped, 2 not reached`: every result once; waived never
 * among the failures, not reached never among the skipped (a failure stopped them, docs/contract/reports.md).
 */
export function countsText(c: DisplayCounts): string {
  const waived = c.waived > 0 ? `, ${c.waived} waived` : '';
  const notReached = c.notReached > 0 ? `, ${c.notReached} not reached` : '';
  return `${c.passed} passed, ${c.failed} failed, ${c.errored} errored${waived}, ${c.skipped} skipped${notReached}`;
}

/** The one-line verdict every report leads with, from the same rule as the exit status (docs/contract/cli.md). */
export function verdictOf(results: readonly CheckResult[], runInfo: RunInfo): Verdict {
  const counts = countOutcomes(results);
  const pass = counts.blocking === 0;
  const head = pass ? 'PASS: every MUST check passed' : `FAIL: ${counts.blocking} blocking (MUST failed or errored)`;
  const display = displayCountsOf(results);
  const line = `${head} · ${counts.total} results: ${countsText(display)}`;
  const verdict: Verdict = { pass, counts, line };
  if (runInfo.incomplete) verdict.incomplete = `incomplete run (${runInfo.incompleteReason ?? 'stopped early'}): these results are partial`;
  return verdict;
}
