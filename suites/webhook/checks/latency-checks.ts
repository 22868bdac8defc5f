import { LATENCY_P95_LIMIT_MS } from '../../../src/results/latency-limit.js';
import { percentile } from '../../../src/results/percentile.js';
import { CheckFailure, CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import type { CheckDefinition } from '../check-definition.js';

/** Speed across the whole run of a dialect. */

export { LATENCY_P95_LIMIT_MS };

export const latencyP95Check: CheckDefinition = {
  id: 'webhook.latency.p95',
  level: 'SHOULD',
  per: 'dialect',
  title: 'Latency p95 under 1 s',
  requirement: `the 95th percentile (nearest rank) of the times of all answers in the dialect is under ${LATENCY_P95_LIMIT_MS} ms`,
};

/** Judges the answer times (ms) of a dialect's calls. */
export function judgeLatency(label: string, durationsMs: readonly number[]): string {
  if (durationsMs.length === 0) throw new CheckSkipped(`${label}: not judged: no answers to time`);
  const p95 = Math.round(percentile(durationsMs, 95));
  const summary = `p95 ${p95} ms over ${durationsMs.length} answers (max ${Math.round(Math.max(...durationsMs))} ms)`;
  if (p95 < LATENCY_P95_LIMIT_MS) return `${label}: ${summary}`;
  throw new CheckFailure(`${label}: expected answer times with p95 under ${LATENCY_P95_LIMIT_MS} ms, got ${summary}`, {
    mismatch: 'slow',
    expected: `p95 < ${LATENCY_P95_LIMIT_MS} ms`,
    actual: { p95Ms: p95, answers: durationsMs.length },
  });
}
