import type { AnsweredOutcome } from '../http/bounded-outcome.js';
import { bodySnippet } from '../json/body-snippet.js';
import { isRefusalStatus } from './webhook-refusal-status.js';

/** What a refusal is judged on: the answer's status and whether it was cut off at the size limit. */
export interface RefusalCandidate {
  status: number;
  /** the body went past DPS's 96 KB limit (a `contracts verify` exchange past it has no answer at all) */
  truncated: boolean;
}

/**
 * A clean refusal: the webhook's policy saying no to a device. DPS fails that registration at once
 * (400207, "Custom allocation failed with status code: <n>") and the device is told; it is an answer,
 * not a defect (docs/protocol/webhook.md, docs/webhook-profiles.md). 401 is not one (DPS reports
 * 400209, a key problem), nor is 429 (DPS retries it like a 5xx), nor an answer cut off at the size
 * limit. The webhook suite, `contracts verify` and load all judge refusals with this.
 */
export function isRefusal(answer: RefusalCandidate): boolean {
  return isRefusalStatus(answer.status) && !answer.truncated;
}

/** `refused by the webhook: HTTP 400 "Unrecognized device registration."`, for messages. */
export function describeRefusalOf(status: number, body: string): string {
  const text = body.trim();
  return `refused by the webhook: HTTP ${status}${text === '' ? '' : ` ${bodySnippet(text, 80)}`}`;
}

/** describeRefusalOf for an answer of the harness's own HTTP client. */
export function describeRefusal(answer: AnsweredOutcome): string {
  return describeRefusalOf(answer.status, answer.bodyBytes.toString('utf8'));
}

/** What DPS does with an answer that is neither 200 nor a refusal, for messages (the webhook suite and `contracts verify`). */
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
