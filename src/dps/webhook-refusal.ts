import type { AnsweredOutcome } from '../http/bounded-outcome.js';
import { bodySnippet } from '../json/body-snippet.js';
import { isRefusalStatus } from './webhook-refusal-status.js';

/**
 * A clean refusal: the webhook's policy saying no to a device. DPS fails that registration at once
 * (400207, "Custom allocation failed with status code: <n>") and the device is told; it is an answer,
 * not a defect (docs/protocol/webhook.md, docs/webhook-profiles.md). 401 is not one (DPS reports
 * 400209, a key problem), nor is 429 (DPS retries it like a 5xx), nor an answer cut off at the size
 * limit. The webhook suite and load both judge refusals with this.
 */
export function isRefusal(answer: AnsweredOutcome): boolean {
  return isRefusalStatus(answer.status) && !answer.truncated;
}

/** `refused by the webhook: HTTP 400 "Unrecognized device registration."`, for messages. */
export function describeRefusal(answer: AnsweredOutcome): string {
  const text = answer.bodyBytes.toString('utf8').trim();
  return `refused by the webhook: HTTP ${answer.status}${text === '' ? '' : ` ${bodySnippet(text, 80)}`}`;
}
