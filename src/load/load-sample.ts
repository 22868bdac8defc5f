import type { Dialect } from '../results/check-result.js';

/**
 * How one request (webhook mode) or one registration (emulator mode) ended: `ok` (a correct answer),
 * `refused` (webhook mode: a clean refusal, the webhook's policy saying no to the device, an answer and
 * not an error; see src/dps/webhook-refusal.ts), `error` (a wrong answer or a broken connection),
 * `timeout` (no answer within `--timeout`), `cancelled` (stopped by Ctrl-C; not held against the target).
 */
export type SampleOutcome = 'ok' | 'refused' | 'error' | 'timeout' | 'cancelled';

export interface LoadSample {
  dialect: Dialect;
  outcome: SampleOutcome;
  /** from the start of the request (or the PUT) to its end */
  latencyMs: number;
  /** short kind of error or refusal for grouping, e.g. `HTTP 500`, `refused`, `status failed (400207)`, `HTTP 400` */
  detail?: string;
  /** a `refused` sample: the refusal for messages, e.g. `refused by the webhook: HTTP 400 "Unknown device"` */
  refusal?: string;
  /** false when an `error` had no answer at all (refused, reset, broken off); answers are timed, these are not */
  answered?: boolean;
}
