import type { AnsweredOutcome } from '../../src/http/bounded-outcome.js';
import { isRefusalStatus } from '../../src/dps/webhook-refusal-status.js';
import { bodySnippet } from './answer-body.js';

export { isRefusalStatus };

/**
 * A clean refusal: the webhook's policy saying no to a device. DPS fails that registration at once
 * (400207, "Custom allocation failed with status code: <n>") and the device is told; it is an answer,
 * not a defect (docs/protocol/webhook.md). 401 is not one (DPS reports 400209, a key problem), nor is
 * 429 (DPS retries it like a 5xx), nor an answer cut off at the size limit.
 */
export function isRefusal(answer: AnsweredOutcome): boolean {
  return isRefusalStatus(answer.status) && !answer.truncated;
}

/** `refused by the webhook: HTTP 400 "Unrecognized device registration."`, for messages. */
export function describeRefusal(answer: AnsweredOutcome): string {
  const text = answer.bodyBytes.toString('utf8').trim();
  return `refused by the webhook: HTTP ${answer.status}${text === '' ? '' : ` ${bodySnippet(text, 80)}`}`;
}

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
