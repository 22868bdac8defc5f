import { isValidRegistrationId } from '../dps-limits.js';
import { ErrorCatalogue } from '../error-catalogue.js';
import { authenticate } from './authenticate.js';
import type { CoreContext } from './core-context.js';
import type { ConnectRequest, Delivery, PollRequest, RegisterRequest, StatusLookupRequest } from './core-request.js';
import { errorAnswer, type StepResult } from './core-replies.js';
import type { EnrollmentCandidate } from './enrollments.js';
import { asUnexpected, handleUnexpected } from './handle-unexpected.js';
import type { RegistrationPlan } from './registration-plan.js';

export type Checked = { ok: true; enrollment: EnrollmentCandidate; plan: RegistrationPlan; delivery: Delivery } | { ok: false; result: StepResult };

/** The plan's slowness and fragmentation, which apply to every answer to this registration. */
export function deliveryOf(plan: RegistrationPlan): Delivery {
  const delivery: Delivery = {};
  if (plan.slowMs !== undefined) delivery.slowMs = plan.slowMs;
  if (plan.fragment !== undefined) delivery.fragment = plan.fragment;
  return delivery;
}

/**
 * The checks every device operation passes first, in DPS's order as far as it is known: ID scope,
 * registration ID syntax, then the SAS, then the plan's injected server errors.
 */
export function precheck(context: CoreContext, request: RegisterRequest | PollRequest | StatusLookupRequest | ConnectRequest): Checked {
  const plan = context.plans.get(request.registrationId);
  const delivery = deliveryOf(plan);
  const fail = (result: StepResult): Checked => ({ ok: false, result });
  if (request.idScope.toLowerCase() !== context.idScope.toLowerCase()) {
    return fail(handleUnexpected(context, asUnexpected(request, 'unknown-id-scope', `"${request.idScope}"`), delivery));
  }
  if (!isValidRegistrationId(request.registrationId)) {
    return fail(handleUnexpected(context, asUnexpected(request, 'invalid-registration-id', JSON.stringify(request.registrationId)), delivery));
  }
  const auth = authenticate(context, request.idScope, request.registrationId, request.authorization, request.clientCertificate);
  if (!auth.ok) {
    return fail({
      reply: errorAnswer(ErrorCatalogue.unauthorized, delivery),
      notes: { auth: { ok: false, reason: auth.reason } },
      registrationId: request.registrationId,
    });
  }
  if (request.kind !== 'connect' && context.plans.takeServerError(request.registrationId)) {
    return fail({ reply: errorAnswer(ErrorCatalogue.internalError, delivery), notes: { auth: { ok: true }, notes: ['planned server error'] }, registrationId: request.registrationId });
  }
  return { ok: true, enrollment: auth.enrollment, plan, delivery };
}
