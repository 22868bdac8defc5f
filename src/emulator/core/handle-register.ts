import { ErrorCatalogue } from '../error-catalogue.js';
import type { CoreContext } from './core-context.js';
import type { RegisterRequest } from './core-request.js';
import { answer, errorAnswer, type StepResult } from './core-replies.js';
import { newOperationId } from './dps-identifiers.js';
import { dpsTimestamp } from './dps-timestamp.js';
import { asUnexpected, handleUnexpected } from './handle-unexpected.js';
import { parseRegisterBody } from './parse-register-body.js';
import { precheck } from './precheck.js';
import type { Operation } from './registration-book.js';
import { startAllocation } from './run-allocation.js';
import { validateBody } from './validate-body.js';

/**
 * PUT .../register: 202 `{operationId, status: "assigning"}` with Retry-After, allocation running in
 * the background (docs/protocol/https.md). The dialect is the plan's, else the emulator's default; the body's own
 * vocabulary is recorded beside it.
 */
export function handleRegister(context: CoreContext, request: RegisterRequest): StepResult {
  const checked = precheck(context, request);
  if (!checked.ok) return checked.result;
  const { plan, delivery, enrollment } = checked;
  const registrationId = request.registrationId;
  const throttle = context.plans.takeThrottle(registrationId);
  if (throttle) {
    return { reply: errorAnswer(ErrorCatalogue.throttled, delivery, undefined, throttle.retryAfterSeconds), notes: { auth: { ok: true }, notes: ['planned throttling'] }, registrationId };
  }
  const dialect = plan.dialect ?? context.defaultDialect;
  const parsed = parseRegisterBody(request.bodyText, dialect, registrationId);
  const validation = parsed.ok || parsed.reason !== 'malformed-json' ? [validateBody(context.validator, 'registration-request', dialect, parsed.ok ? parsed.body.value : safeJson(request.bodyText))] : [];
  if (!parsed.ok) {
    const rejected = handleUnexpected(context, asUnexpected(request, parsed.reason, parsed.detail), delivery);
    return { ...rejected, notes: { ...rejected.notes, auth: { ok: true }, validation } };
  }
  const record = context.registrations.getOrCreate(registrationId, dpsTimestamp());
  const operation: Operation = {
    operationId: plan.operationId ?? newOperationId(),
    registrationId,
    dialect,
    enrollment: enrollment.view,
    hasData: parsed.body.hasData,
    pollsAnswered: 0,
  };
  if (parsed.body.hasData) operation.data = parsed.body.data;
  if (parsed.body.dataJson !== undefined) operation.dataJson = parsed.body.dataJson;
  context.registrations.addOperation(record, operation);
  startAllocation(context, record, operation, plan);
  const body = { operationId: operation.operationId, status: 'assigning' };
  return {
    reply: answer(202, body, delivery, plan.retryAfterSeconds ?? context.retryAfterSeconds),
    notes: { auth: { ok: true }, dialect: { served: dialect, declared: parsed.body.declared }, validation, ...(parsed.body.notes.length ? { notes: parsed.body.notes } : {}) },
    registrationId,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
