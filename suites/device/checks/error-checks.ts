import { CheckNotReached, CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import { registrationStarted, stoppedBeforeRegistering } from './stopped-before-registering.js';
import type { Verdicts } from '../check-support.js';
import type { DeviceEvidence } from '../evidence/registration-evidence.js';

/** An adapter that stopped waiting for its implementation says so with `error.adapterDeadline: true`. */
function stillRegistering(error: { [member: string]: unknown } | undefined): boolean {
  return error?.['adapterDeadline'] === true;
}

/** `device.error.credentials`: a wrong key ends in an error the application sees (a hang or crash is `errored`). */
export function checkErrorCredentials(e: DeviceEvidence, v: Verdicts): string {
  const reply = v.reply();
  const refused = e.device.some((entry) => entry.notes.auth?.ok === false);
  if (!refused) v.misbehaved('expected the emulator to refuse the wrong key, it did not (harness precondition)', { mismatch: 'precondition' });
  if (reply.result) {
    if (reply.result.status === 'assigned') v.fail('expected an error for a wrong key, got status assigned', { mismatch: 'wrong-status', actual: reply.result });
    return `reported status ${reply.result.status}`;
  }
  if (stillRegistering(reply.error)) {
    v.fail(`expected an error for a wrong key within the time given, the implementation was still registering: ${reply.error?.message ?? ''}`, { mismatch: 'timeout', actual: reply.error });
  }
  return `reported an error: ${reply.error?.message ?? ''}`;
}

/** `device.error.allocationFailed`: a failed allocation reaches the application as an error or a `failed` status. */
export function checkErrorAllocationFailed(_e: DeviceEvidence, v: Verdicts): string {
  const reply = v.reply();
  if (reply.result) {
    if (reply.result.status !== 'failed') v.fail(`expected an error or status failed for a failed allocation, got status ${reply.result.status}`, { mismatch: 'wrong-status', actual: reply.result });
    return `reported status failed${reply.result.errorCode !== undefined ? ` (${reply.result.errorCode})` : ''}`;
  }
  if (stillRegistering(reply.error)) {
    v.fail(`expected an error or status failed, the implementation was still registering: ${reply.error?.message ?? ''}`, { mismatch: 'timeout', actual: reply.error });
  }
  return `reported an error: ${reply.error?.message ?? ''}`;
}

/**
 * The never-assigned case reached its point: DPS answered a register of the device 202 `assigning`, so
 * what the device met afterwards was an operation that never finishes. A device stopped earlier (a
 * refused register, nothing sent at all) never met it, and says nothing about giving up.
 */
export function reachedNeverAssigned(e: DeviceEvidence): boolean {
  return registrationStarted(e);
}

/** The case where DPS never finishes, the device met it, and the adapter did not answer in time: the implementation was still registering. */
export function isLateGivingUp(e: DeviceEvidence): boolean {
  return e.run.deviceCase.kind === 'gives-up' && e.run.fault?.kind === 'timeout' && reachedNeverAssigned(e);
}

/** `device.timeout.givesUp` (SHOULD): when DPS never finishes, the implementation gives up in time and says so. */
export function checkTimeoutGivesUp(e: DeviceEvidence, v: Verdicts): string {
  const { run } = e;
  if (e.adapter.kind === 'skipped') throw new CheckSkipped(`the adapter skipped this case: ${e.adapter.reason}`);
  if (!reachedNeverAssigned(e)) {
    const { checkId, why } = stoppedBeforeRegistering(e);
    throw new CheckNotReached(`not reached: the device never met a registration that does not finish (${why})`, checkId);
  }
  if (isLateGivingUp(e)) {
    v.fail(`expected the implementation to give up within ${run.command.timeoutMs} ms, the adapter had not answered after that (+ slack): it was still registering`, {
      mismatch: 'timeout',
      actual: run.fault?.message,
    });
  }
  const reply = v.reply();
  if (reply.result) v.fail(`expected an error (DPS never finished), got status ${reply.result.status}`, { mismatch: 'wrong-status', actual: reply.result });
  if (stillRegistering(reply.error)) {
    v.fail(`expected the implementation to give up within ${run.command.timeoutMs} ms, it was still registering (the adapter stopped waiting)`, { mismatch: 'timeout', actual: reply.error });
  }
  return `gave up after ${e.polls.length} poll(s) answered assigning: ${reply.error?.message ?? ''}`;
}
