import type { CoreContext } from './core-context.js';
import type { CoreRequest, Delivery, UnexpectedReason, UnexpectedRequest } from './core-request.js';
import { errorAnswer, type StepResult } from './core-replies.js';
import { decideUnexpected } from './unexpected-policy.js';

/** Turns a request the core found wanting into the unexpected request the policy decides on. */
export function asUnexpected(request: CoreRequest, reason: UnexpectedReason, detail: string): UnexpectedRequest {
  const { frontEnd, wire, receivedAt, apiVersion } = request;
  const unexpected: UnexpectedRequest = { kind: 'unexpected', frontEnd, wire, receivedAt, reason, detail };
  if (apiVersion !== undefined) unexpected.apiVersion = apiVersion;
  if ('registrationId' in request && request.registrationId !== undefined) unexpected.registrationId = request.registrationId;
  if ('bodyText' in request && request.bodyText !== undefined) unexpected.bodyText = request.bodyText;
  return unexpected;
}

/** Applies the unexpected-request policy and notes the decision (an explicit policy, as msw's `onUnhandledRequest`). */
export function handleUnexpected(context: CoreContext, request: UnexpectedRequest, delivery: Delivery = {}): StepResult {
  const decision = decideUnexpected(request, context.onUnexpected);
  const unexpected = { reason: request.reason, detail: request.detail, decision: decision.kind === 'answer' ? `answer ${decision.entry.status} ${decision.entry.errorCode}` : 'disconnect' };
  const reply = decision.kind === 'answer' ? errorAnswer(decision.entry, delivery, decision.detail) : ({ kind: 'disconnect', reason: request.reason, delivery } as const);
  const result: StepResult = { reply, notes: { unexpected } };
  if (request.registrationId !== undefined) result.registrationId = request.registrationId;
  return result;
}
