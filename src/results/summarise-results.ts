import type { CheckResult, Outcome } from './check-result.js';
import { isBlocking, isNotReached } from './check-result.js';

/** `notReached` counts the skipped results whose precondition was never reached (a subset of `skipped`). */
export type OutcomeCounts = Record<Outcome, number> & { total: number; blocking: number; waived: number; notReached: number };

export function countOutcomes(results: readonly CheckResult[]): OutcomeCounts {
  const counts: OutcomeCounts = { passed: 0, failed: 0, errored: 0, skipped: 0, total: 0, blocking: 0, waived: 0, notReached: 0 };
  for (const result of results) {
    counts[result.outcome] += 1;
    counts.total += 1;
    if (isBlocking(result)) counts.blocking += 1;
    if (result.waived) counts.waived += 1;
    if (isNotReached(result)) counts.notReached += 1;
  }
  return counts;
}

/** The group key reports use for one testsuite / matrix row: implementation x transport x dialect. */
export function rowKey(result: CheckResult): string {
  const impl = result.implementation.version ? `${result.implementation.name}@${result.implementation.version}` : result.implementation.name;
  return `${impl} ${result.transport} ${result.dialect}`;
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Failures first (blocking, then other failed/errored), then skipped, then passed; stable within each. */
export function failuresFirst(results: readonly CheckResult[]): CheckResult[] {
  const rank = (r: CheckResult): number => {
    if (isBlocking(r)) return 0;
    if (r.outcome === 'failed' || r.outcome === 'errored') return 1;
    if (r.outcome === 'skipped') return 2;
    return 3;
  };
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}
