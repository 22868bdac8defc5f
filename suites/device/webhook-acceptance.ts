import { bodySnippet } from '../../src/json/body-snippet.js';
import { CheckFailure, CheckSkipped } from '../../src/results/check-outcome-errors.js';
import { PROFILE_ADVICE } from '../../src/webhook-profile/profile-advice.js';
import type { Body } from './evidence/evidence-entry.js';
import type { RegistrationEvidence } from './evidence/registration-evidence.js';

/** What became of one registration's allocation at a user's webhook (`device --webhook`). */
export interface AllocationSeen {
  caseId: string;
  /** the emulator called the webhook for it */
  called: boolean;
  /** DPS assigned the device (the webhook allocated it) */
  allocated: boolean;
  /** how the webhook answered the last call: `HTTP 400 "Unrecognized device registration."`, `not answered: timeout` */
  answer?: string;
  /** the last call as evidence (the request the emulator sent, what came back) */
  evidence?: unknown;
  /** the harness failed in every attempt of this registration: it is not counted */
  harnessFault?: boolean;
}

function bodyText(body: Body): string {
  switch (body.kind) {
    case 'json':
      return body.text ?? JSON.stringify(body.value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    case 'empty':
    case 'not-json':
      return body.text;
    case 'none':
      return '';
  }
}

/** Reads what the webhook did with one registration. */
export function allocationSeen(caseId: string, e: RegistrationEvidence): AllocationSeen {
  const call = e.webhookCalls[e.webhookCalls.length - 1];
  if (!call) return { caseId, called: false, allocated: false };
  const allocated = e.terminal?.status === 'assigned';
  const outcome = call.outcome;
  const answer = outcome.kind === 'answered' ? `HTTP ${outcome.status}${bodyText(outcome.body).trim() === '' ? '' : ` ${bodySnippet(bodyText(outcome.body), 80)}`}` : `not answered: ${outcome.failure}`;
  const evidence = {
    request: bodyText(call.sent).slice(0, 4096),
    answer: outcome.kind === 'answered' ? { status: outcome.status, body: bodyText(outcome.body).slice(0, 4096) } : outcome,
  };
  return { caseId, called: true, allocated, answer, evidence };
}

/** The advice of a failed acceptance: make the devices the harness registers look like the ones the policy takes. */
export const DEVICE_ACCEPTANCE_ADVICE =
  "the webhook's policy allocated none of the devices the run registered, so nothing end to end could be judged: " +
  `${PROFILE_ADVICE}, and --function-key K if the webhook is an Azure Function; see docs/webhook-profiles.md`;

/**
 * `e2e.allocation.accepts`, once per run with `--webhook`: a webhook may refuse devices (a refusal is
 * an answer: DPS fails that registration and tells the device), but one that allocates none of them
 * leaves every end-to-end check unjudged, and says so with advice, as `webhook.allocation.accepts` does.
 */
export function judgeWebhookAcceptance(seen: readonly AllocationSeen[]): string {
  const called = seen.filter((s) => s.called);
  if (called.length === 0) {
    if (seen.some((s) => s.harnessFault)) throw new CheckSkipped('not judged: the harness failed in every registration that got as far as the webhook (see their harness errors)');
    throw new CheckSkipped('not judged: no registration got as far as the webhook (see the request and result checks)');
  }
  const allocated = called.filter((s) => s.allocated).length;
  const refused = called.filter((s) => !s.allocated);
  if (allocated > 0) return `${allocated} of ${called.length} registrations allocated by the webhook, ${refused.length} not (their result checks are not reached)`;
  const first = refused[0];
  const answers = [...new Set(refused.map((s) => (s.answer ?? '').replace(/ ".*$/, '')))].sort();
  throw new CheckFailure(`expected the webhook to allocate at least one of the ${called.length} devices, it allocated none (first answer: ${first?.answer ?? 'none'}); ${DEVICE_ACCEPTANCE_ADVICE}`, {
    mismatch: 'refuses-everything',
    expected: 'at least one device assigned',
    actual: { registrations: called.length, answers },
    evidence: first?.evidence,
  });
}
