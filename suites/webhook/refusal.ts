import { isRefusalStatus } from '../../src/dps/webhook-refusal-status.js';
import { describeRefusal, isRefusal } from '../../src/dps/webhook-refusal.js';

// what a refusal is lives in the core, so that load judges refusals as this suite does
export { describeRefusal, isRefusal, isRefusalStatus };

/** What DPS does with an answer that is neither 200 nor a refusal, for the status check's message. */
export function whatDpsDoes(status: number): string {
  if (status === 401)
    return 'DPS fails the registration with 400209 (CustomAllocationUnauthorizedAccess): is the function key right (--function-key)?';
  if (status === 429 || status >= 500) {
    return (
      'DPS retries a 429 or 5xx (10 times, 1 s apart, then 9 s more each time) while the device keeps polling "assigning" for minutes; ' +
      'refuse with a 4xx if the device is not welcome'
    );
  }
  return 'DPS fails the registration with 400207 (CustomAllocationFailed)';
}
