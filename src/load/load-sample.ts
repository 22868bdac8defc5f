import type { Dialect } from '../results/check-result.js';

/**
 * How one request (webhook mode) or one registration (emulator mode) ended: `ok` (a correct answer),
 * `error` (a wrong answer or a broken connection), `timeout` (no answer within `--timeout`),
 * `cancelled` (stopped by Ctrl-C; not held against the target).
 */
export type SampleOutcome = 'ok' | 'error' | 'timeout' | 'cancelled';

export interface LoadSample {
  dialect: Dialect;
  outcome: SampleOutcome;
  /** from the start of the request (or the PUT) to its end */
  latencyMs: number;
  /** short kind of error for grouping, e.g. `HTTP 500`, `refused`, `status failed (400207)` */
  detail?: string;
  /** false when an `error` had no answer at all (refused, reset, broken off); answers are timed, these are not */
  answered?: boolean;
}
