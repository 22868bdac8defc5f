import type { SecretRedactor } from '../../src/results/secret-redactor.js';
import type { WebhookCall } from './webhook-call.js';

/** How much of each body a report keeps: enough to see the mistake, not enough to bloat the reports. */
export const EVIDENCE_BODY_CHARS = 4096;

function clip(text: string): string {
  if (text.length <= EVIDENCE_BODY_CHARS) return text;
  return `${text.slice(0, EVIDENCE_BODY_CHARS)}… (${text.length - EVIDENCE_BODY_CHARS} more characters)`;
}

/** The request sent and the answer (status, headers, body cut to a few KB, timing), secrets removed. */
export function callEvidence(call: WebhookCall, redactor: SecretRedactor): unknown {
  const request = { method: 'POST', url: call.url, functionKeySent: call.withKey, bytes: call.request.byteLength, body: clip(call.request.text) };
  const { outcome } = call;
  let answer: unknown;
  if (outcome.kind === 'answered') {
    answer = {
      status: outcome.status,
      statusMessage: outcome.statusMessage,
      headers: outcome.headers,
      bytes: outcome.bodyBytes.length,
      cutOffAtLimit: outcome.truncated,
      body: clip(outcome.bodyBytes.toString('utf8')),
      timing: outcome.timing,
    };
  } else if (outcome.kind === 'not-sent') answer = { outcome: 'not-sent', message: outcome.message };
  else answer = { outcome: outcome.kind, message: outcome.message, ...(outcome.partial ? { partial: outcome.partial } : {}), timing: outcome.timing };
  return redactor.redactDeep({ request, answer });
}
