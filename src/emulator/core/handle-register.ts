import { RetryAfterSchedule } from '../../dps/retry-after-wait.js';
import { ErrorCatalogue } from '../error-catalogue.js';
import { COPY_DEPTH_LIMIT, isTooDeep } from '../../json/json-depth.js';
import type { CoreContext } from './core-context.js';
import type { Delivery, RegisterRequest } from './core-request.js';
import { answer, errorAnswer, type StepResult } from './core-replies.js';
import { newOperationId } from './dps-identifiers.js';
import { dpsTimestamp } from './dps-timestamp.js';
import { asUnexpected, handleUnexpected } from './handle-unexpected.js';
import { parseRegisterBody } from './parse-register-body.js';
import { deliveryOf, precheck } from './precheck.js';
import type { RegistrationPlan } from './registration-plan.js';
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
  const registrationId = request.registrationId;
  // a hook may set this registration's plan now (`emulate --scenarios`); its note goes into the record
  const hookNote = context.beforeRegister?.(registrationId);
  const { plan, delivery } = hookNote === undefined ? checked : replanned(context, registrationId);
  const { enrollment } = checked;
  const hookNotes = hookNote === undefined ? [] : [hookNote];
  const throttle = context.plans.takeThrottle(registrationId);
  if (throttle) {
    return { reply: errorAnswer(ErrorCatalogue.throttled, delivery, undefined, throttle.retryAfterSeconds), notes: { auth: { ok: true }, notes: [...hookNotes, 'planned throttling'] }, registrationId };
  }
  if (request.notUtf8 !== undefined && context.invalidUtf8 === 'refuse') {
    // as a .NET JSON reader refuses it (System.Text.Json does; DPS's own reader is UNCONFIRMED): a body that is not JSON
    const rejected = handleUnexpected(context, asUnexpected(request, 'malformed-json', request.notUtf8), delivery);
    return { ...rejected, notes: { ...rejected.notes, auth: { ok: true } } };
  }
  const dialect = plan.dialect ?? context.defaultDialect;
  const parsed = parseRegisterBody(request.bodyText, dialect, registrationId, context.payloadPolicy, context.maxJsonDepth);
  const validation = parsed.ok || parsed.reason !== 'malformed-json' ? [validateBody(context.validator, 'registration-request', dialect, parsed.ok ? parsed.body.value : safeJson(request.bodyText))] : [];
  if (!parsed.ok) {
    const rejected = handleUnexpected(context, asUnexpected(request, parsed.reason, parsed.detail), delivery);
    return { ...rejected, notes: { ...rejected.notes, auth: { ok: true }, validation } };
  }
  // served with U+FFFD (`invalidUtf8: 'replace'`), and the record says so
  const utf8Notes = request.notUtf8 !== undefined ? [`${request.notUtf8}; read with U+FFFD for each bad sequence`] : [];
  const now = dpsTimestamp();
  const record = context.registrations.getOrCreate(registrationId, now);
  // DPS re-creates the registration record on every registration (docs/emulator-behaviour.md); `initial` keeps the first
  if (context.reRegistration !== 'initial') record.createdDateTimeUtc = now;
  const operation: Operation = {
    operationId: plan.operationId ?? newOperationId(),
    registrationId,
    dialect,
    enrollment: enrollment.view,
    hasData: parsed.body.hasData,
    pollsAnswered: 0,
    schedule: new RetryAfterSchedule(),
  };
  if (parsed.body.hasData) operation.data = parsed.body.data;
  if (enrollment.x509Certificate !== undefined) operation.clientCertificate = enrollment.x509Certificate;
  if (parsed.body.dataJson !== undefined) operation.dataJson = parsed.body.dataJson;
  const retryAfter = plan.retryAfterSeconds ?? context.retryAfterSeconds;
  operation.schedule.answered(request.receivedAt, retryAfter, { restart: true });
  context.registrations.addOperation(record, operation);
  startAllocation(context, record, operation, plan);
  const body = { operationId: operation.operationId, status: 'assigning' };
  return {
    reply: answer(202, body, delivery, retryAfter),
    notes: {
      auth: { ok: true },
      dialect: { served: dialect, declared: parsed.body.declared },
      validation,
      ...(parsed.body.notes.length || hookNotes.length || utf8Notes.length ? { notes: [...hookNotes, ...utf8Notes, ...parsed.body.notes] } : {}),
    },
    registrationId,
  };
}

function replanned(context: CoreContext, registrationId: string): { plan: RegistrationPlan; delivery: Delivery } {
  const plan = context.plans.get(registrationId);
  return { plan, delivery: deliveryOf(plan) };
}

function safeJson(text: string): unknown {
  if (isTooDeep(text, COPY_DEPTH_LIMIT)) return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
