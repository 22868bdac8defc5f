import type { CoreContext } from './core-context.js';
import type { ConnectRequest } from './core-request.js';
import { answer, type StepResult } from './core-replies.js';
import { asUnexpected, handleUnexpected } from './handle-unexpected.js';
import { precheck } from './precheck.js';

/**
 * MQTT CONNECT: the connection is one registration. ClientId must equal the registration ID of the
 * username (docs/protocol/mqtt.md); the SAS in the password is verified as for HTTPS. 200 = accept.
 */
export function handleConnect(context: CoreContext, request: ConnectRequest): StepResult {
  if (request.clientId !== request.registrationId) {
    return handleUnexpected(context, asUnexpected(request, 'client-id-mismatch', `clientId "${request.clientId}", username names "${request.registrationId}"`));
  }
  const checked = precheck(context, request);
  if (!checked.ok) return checked.result;
  return { reply: answer(200, undefined, checked.delivery), notes: { auth: { ok: true } }, registrationId: request.registrationId };
}
