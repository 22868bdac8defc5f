import type { CoreContext } from './core-context.js';
import type { PollRequest } from './core-request.js';
import { ErrorCatalogue } from '../error-catalogue.js';
import { answer, errorAnswer, type StepResult } from './core-replies.js';
import { retryAfterNote } from './retry-after-note.js';
import { asUnexpected, handleUnexpected } from './handle-unexpected.js';
import { precheck } from './precheck.js';
import { assigningState, terminalResult } from './registration-result.js';
import { startAllocation } from './run-allocation.js';

/**
 * GET .../operations/{operationId}: 202 `assigning` (with registrationState) until the plan's
 * `pollsBeforeDone` polls are answered and the allocation is over, then 200 with the terminal
 * state, the same one on every later poll (docs/protocol/https.md). `retry-later` restarts the allocator.
 */
export function handlePoll(context: CoreContext, request: PollRequest): StepResult {
  const checked = precheck(context, request);
  if (!checked.ok) return checked.result;
  const { plan, delivery } = checked;
  const registrationId = request.registrationId;
  const record = context.registrations.get(registrationId);
  const operation = record?.operations.get(request.operationId);
  if (!record || !operation) {
    return handleUnexpected(context, asUnexpected(request, 'unknown-operation', `"${request.operationId}"`), delivery);
  }
  const notes: string[] = [];
  const early = retryAfterNote(operation, request.receivedAt);
  if (early) notes.push(early);
  const limited = context.pollRateLimiter?.take(registrationId, request.receivedAt);
  if (limited && !limited.ok) {
    const { polls, windowSeconds } = context.pollRateLimiter?.limit ?? { polls: 0, windowSeconds: 0 };
    operation.schedule.answered(request.receivedAt, limited.retryAfterSeconds);
    notes.push(`poll rate limit: more than ${polls} polls in ${windowSeconds} s`);
    return {
      reply: errorAnswer(ErrorCatalogue.throttled, delivery, undefined, limited.retryAfterSeconds),
      notes: { auth: { ok: true }, notes },
      registrationId,
    };
  }
  const statusBody = (status: string, registrationState: Record<string, unknown>): Record<string, unknown> => ({
    operationId: operation.operationId,
    status,
    registrationState,
  });

  if (!operation.terminal) {
    operation.pollsAnswered += 1;
    const outcome = operation.outcome;
    if (outcome?.kind === 'retry-later') {
      notes.push(`allocation asked to retry later${outcome.reason ? `: ${outcome.reason}` : ''}`);
      startAllocation(context, record, operation, plan);
    }
    if (!outcome || outcome.kind === 'retry-later' || operation.pollsAnswered <= (plan.pollsBeforeDone ?? 0)) {
      const retryAfter = plan.retryAfterSeconds ?? context.retryAfterSeconds;
      operation.schedule.answered(request.receivedAt, retryAfter);
      return { reply: answer(202, statusBody('assigning', assigningState(operation)), delivery, retryAfter), notes: { auth: { ok: true }, ...(notes.length ? { notes } : {}) }, registrationId };
    }
    const terminal = terminalResult(record, operation, outcome, context.reRegistration);
    if (terminal.note) notes.push(terminal.note);
    operation.terminal = terminal.result;
    record.lastResult = terminal.result;
    operation.schedule.answered(request.receivedAt, undefined);
    if (outcome.kind === 'assigned') record.current = { hub: outcome.hub, deviceId: String(terminal.result['deviceId']) };
  }
  const status = String(operation.terminal['status']);
  return {
    reply: answer(200, statusBody(status, operation.terminal), delivery),
    notes: { auth: { ok: true }, dialect: { served: operation.dialect }, ...(notes.length ? { notes } : {}) },
    registrationId,
  };
}
