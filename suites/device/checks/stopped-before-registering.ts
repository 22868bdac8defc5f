import { DEVICE_CHECKS } from '../device-checks.js';
import type { RegistrationEvidence } from '../evidence/registration-evidence.js';
import { describeRefusal, ownedRefusals } from '../refusal-owner.js';

/**
 * For a check that needs the registration to have started (DPS answered a register 202 `assigning`)
 * and it did not: the check whose result stopped it, for `blockedBy`, and why. That is the check that
 * owns DPS's refusal of the device's requests (refusal-owner.ts: a bad SAS, a body DPS does not take,
 * a request it cannot map), `adapter.protocol` for an adapter fault, or `device.request.path` when no
 * register reached DPS.
 */
export function stoppedBeforeRegistering(e: RegistrationEvidence): { checkId: string; why: string } {
  if (e.adapter.kind === 'fault') return { checkId: DEVICE_CHECKS.adapterProtocol.id, why: `the adapter failed: ${e.adapter.fault.kind}` };
  const refusal = ownedRefusals(e)[0];
  if (refusal) return { checkId: refusal.owner.id, why: describeRefusal(refusal) };
  const last = e.registers.at(-1);
  if (!last) return { checkId: DEVICE_CHECKS.requestPath.id, why: 'no register request reached DPS' };
  return { checkId: DEVICE_CHECKS.requestPath.id, why: `DPS answered its register ${last.answer.status ?? 'nothing'}` };
}

/** True once DPS answered a register of the device 202 `assigning`: the registration started. */
export function registrationStarted(e: RegistrationEvidence): boolean {
  return e.registers.some((entry) => entry.kind === 'register' && entry.answer.status === 202);
}
