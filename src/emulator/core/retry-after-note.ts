import { describeWait, TOO_SOON_MARGIN_MS } from '../../dps/retry-after-wait.js';
import type { Operation } from './registration-book.js';

/**
 * A transcript note when a poll comes sooner than the Retry-Afters the device was given allow, so that
 * `emulate`'s observations say so (DPS answers such a poll all the same, unless its rate limit is hit).
 * "Too soon" is the device suite's definition (src/dps/retry-after-wait.ts), on the same instants the
 * transcript records, so the note and `device.polling.retryAfter` / `.throttle` agree on every poll.
 */
export function retryAfterNote(operation: Operation, receivedAt: number): string | undefined {
  const judgement = operation.schedule.judge(receivedAt);
  if (!judgement?.tooSoon) return undefined;
  return `poll too soon: ${describeWait(judgement)} (more than ${TOO_SOON_MARGIN_MS} ms allowed)`;
}
