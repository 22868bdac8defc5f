import type { AllocationRequestMessage } from '../../src/dps/build-allocation-request.js';
import type { BoundedOutcome } from '../../src/http/bounded-outcome.js';

/** A request the harness did not send because the webhook had stopped answering. */
export interface NotSentOutcome {
  kind: 'not-sent';
  message: string;
}

/** One POST of an allocation request and how it ended. */
export interface WebhookCall {
  /** the URL called, secrets removed */
  url: string;
  /** whether a function key went out (`code=` in the URL called: from --function-key or from --url itself) */
  withKey: boolean;
  request: AllocationRequestMessage;
  outcome: BoundedOutcome | NotSentOutcome;
}

/** One line saying why a call has no answer to judge (for calls whose outcome is not `answered`). */
export function noAnswerMessage(call: WebhookCall): string {
  const { outcome } = call;
  if (outcome.kind === 'answered') return `answered HTTP ${outcome.status}`;
  if (outcome.kind === 'not-sent') return outcome.message;
  return `no answer (${outcome.kind}): ${outcome.message}`;
}
