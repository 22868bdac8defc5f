import { verifySasToken } from '../auth/verify-sas-token.js';
import type { CoreContext } from './core-context.js';
import type { EnrollmentCandidate } from './enrollments.js';

export type AuthResult = { ok: true; enrollment: EnrollmentCandidate } | { ok: false; reason: string };

/**
 * Finds the enrollment whose key signed the SAS. An unknown registration and a bad signature look
 * the same to the device (401), as DPS does not reveal which enrollments exist.
 */
export function authenticate(
  context: CoreContext,
  idScope: string,
  registrationId: string,
  token: string | undefined,
  clientCertificate?: readonly string[],
): AuthResult {
  // X.509: a device with a client certificate and no SAS attests with the certificate (docs/protocol/x509.md)
  if (token === undefined && clientCertificate !== undefined) {
    if (!context.x509) return { ok: false, reason: 'a client certificate, but no X.509 enrollment' };
    const verdict = context.x509.verify(registrationId, clientCertificate);
    if (!verdict.ok) return verdict;
    return { ok: true, enrollment: { view: verdict.view, keys: [], x509Certificate: verdict.certificate.raw.toString('base64') } };
  }
  const candidates = context.enrollments.candidates(registrationId);
  if (candidates.length === 0) return { ok: false, reason: 'no enrollment covers this registration ID' };
  let reason = 'signature does not match';
  for (const candidate of candidates) {
    const verdict = verifySasToken(token, { idScope, registrationId, keys: candidate.keys, requireKeyName: context.requireKeyName });
    if (verdict.ok) return { ok: true, enrollment: candidate };
    reason = verdict.reason;
  }
  return { ok: false, reason };
}
