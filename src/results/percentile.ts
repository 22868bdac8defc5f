/**
 * The one percentile of the harness: nearest rank (the smallest value with at least p % of the values at
 * or below it), so a reported p95 is always a time that was measured. The webhook suite's
 * `webhook.latency.p95`, load's figures and load's progress line all use it.
 */

/** Nearest-rank percentile of an ascending list (p in 0..100); NaN for an empty list. */
export function nearestRank(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Nearest-rank percentile of a list in any order (p in 0..100); NaN for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  return nearestRank([...values].sort((a, b) => a - b), p);
}
