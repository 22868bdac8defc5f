import type { Operation } from './registration-book.js';

/** Allowance for clocks and scheduling, as the device suite's `device.polling.retryAfter` has it. */
const TOLERANCE_MS = 50;

/**
 * A transcript note when a poll comes sooner than the Retry-After the device was last given, so that
 * `emulate`'s observations say so (DPS answers such a poll all the same, unless its rate limit is hit).
 */
export function retryAfterNote(operation: Operation, receivedAt: number): string | undefined {
  const wait = operation.lastWait;
  if (!wait) return undefined;
  const waited = receivedAt - wait.at;
  if (waited >= wait.retryAfterSeconds * 1000 - TOLERANCE_MS) return undefined;
  return `poll too soon: ${waited} ms after an answer with Retry-After ${wait.retryAfterSeconds} s`;
}
