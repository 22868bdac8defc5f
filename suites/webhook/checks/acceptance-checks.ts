import { CheckFailure, CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import type { AnsweredOutcome } from '../../../src/http/bounded-outcome.js';
import { PREVIEW_DIALECT_ADVICE, PROFILE_ADVICE } from '../../../src/webhook-profile/profile-advice.js';
import type { CheckDefinition } from '../check-definition.js';
import { describeRefusal, isRefusal } from '../refusal.js';
import type { WebhookCall } from '../webhook-call.js';

/** A webhook whose policy refuses every device the harness sends has had nothing judged. */

export const acceptsCheck: CheckDefinition = {
  id: 'webhook.allocation.accepts',
  level: 'MUST',
  per: 'dialect',
  title: 'Accepts some device',
  requirement:
    "at least one of the dialect's requests (corpus and user cases, except those expecting a refusal) is accepted with HTTP 200; " +
    'when every one is refused, the message says how to send devices the policy accepts (--profile, --cases)',
};

/** The advice of a failed acceptance check: how to make the harness's devices look like the policy's. */
export const ACCEPTANCE_ADVICE =
  "the webhook's policy accepts none of the harness's devices, so nothing of its answers could be judged: " +
  `${PROFILE_ADVICE} or --cases FILE with devices it accepts; see docs/webhook-profiles.md`;

/** Whether the webhook accepted none of these calls and refused at least one: the failure judgeAcceptance reports. */
export function acceptsNone(calls: readonly WebhookCall[]): boolean {
  const answers = calls.flatMap((c) => (c.outcome.kind === 'answered' ? [c.outcome] : []));
  return !answers.some((a) => a.status === 200) && answers.some((a) => isRefusal(a));
}

/**
 * Judges the first calls of a dialect's cases (`calls`, less those expecting a refusal); `label` names the
 * dialect. `previewHint` (the preview dialect, when ga accepted something or was not tested): a refusal
 * of everything first says that the preview request is the harness's model, not DPS's, since the
 * likeliest reason is a webhook written for the GA request. When ga was refused whole too, the cause is
 * the policy, and both dialects say the same.
 */
export function judgeAcceptance(label: string, calls: readonly WebhookCall[], options: { previewHint?: boolean } = {}): string {
  const answers = calls.flatMap((c) => (c.outcome.kind === 'answered' ? [{ call: c, answer: c.outcome }] : []));
  const accepted = answers.filter((a) => a.answer.status === 200).length;
  const refusals = answers.filter((a) => isRefusal(a.answer));
  if (accepted > 0) return `${label}: ${accepted} of ${calls.length} requests accepted, ${refusals.length} refused`;
  if (refusals.length === 0)
    throw new CheckSkipped(`${label}: not judged: no request was accepted or refused (see webhook.response.status)`);
  const first = refusals[0] as { call: WebhookCall; answer: AnsweredOutcome };
  const statuses = [...new Set(refusals.map((r) => r.answer.status))].sort();
  const urlHint = statuses.includes(404) ? ' (HTTP 404 for everything often means a wrong --url)' : '';
  throw new CheckFailure(
    `${label}: expected the webhook to accept at least one request, got all ${refusals.length} of ${calls.length} ` +
      `${describeRefusal(first.answer).replace('refused by the webhook: ', 'refused (first: ')})${urlHint}; ` +
      `${options.previewHint === true ? `${PREVIEW_DIALECT_ADVICE}; otherwise ` : ''}${ACCEPTANCE_ADVICE}`,
    {
      mismatch: 'refuses-everything',
      expected: 'at least one HTTP 200',
      actual: { refused: refusals.length, requests: calls.length, statuses },
      evidence: {
        request: first.call.request.body,
        answer: { status: first.answer.status, body: first.answer.bodyBytes.toString('utf8').slice(0, 4096) },
      },
    },
  );
}
