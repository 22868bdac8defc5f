import type { CoreContext } from './core-context.js';
import type { StatusLookupRequest } from './core-request.js';
import { answer, type StepResult } from './core-replies.js';
import { asUnexpected, handleUnexpected } from './handle-unexpected.js';
import { precheck } from './precheck.js';

/** POST /{idScope}/registrations/{id}: the latest terminal DeviceRegistrationResult, bare (docs/protocol/https.md). */
export function handleStatusLookup(context: CoreContext, request: StatusLookupRequest): StepResult {
  const checked = precheck(context, request);
  if (!checked.ok) return checked.result;
  const result = context.registrations.get(request.registrationId)?.lastResult;
  if (!result) return handleUnexpected(context, asUnexpected(request, 'unknown-registration', `"${request.registrationId}"`), checked.delivery);
  return { reply: answer(200, result, checked.delivery), notes: { auth: { ok: true } }, registrationId: request.registrationId };
}
