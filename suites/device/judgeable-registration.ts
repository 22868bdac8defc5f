import type { Dialect } from '../../src/results/check-result.js';
import type { DeviceTransport } from '../../src/adapters/protocol-types.js';
import type { DeviceCase } from './device-case.js';
import { readRegistration } from './evidence/registration-evidence.js';
import { harnessFaultIn } from './harness-faults.js';
import { runRegistration, type RegistrationContext, type RegistrationRun } from './registration-run.js';

/** Registrations made per case at most while the harness fails in them (the first and two more). */
export const HARNESS_ATTEMPTS = 3;

/**
 * Runs a case's registration, and runs it again (a fresh registration ID) while the harness failed in
 * it (harness-faults.ts): such a registration says nothing about the implementation, so it is neither
 * judged nor kept. The run returned carries the faults that were retried and, when the harness failed
 * every time, the last one (`harnessFault`): its checks are then harness errors, never results of the
 * implementation.
 */
export async function runJudgeableRegistration(
  context: RegistrationContext,
  deviceCase: DeviceCase,
  transport: DeviceTransport,
  dialect: Dialect,
): Promise<RegistrationRun> {
  const retried: string[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const run = await runRegistration(context, deviceCase, transport, dialect);
    const fault = harnessFaultIn(readRegistration(run));
    if (fault === undefined) return retried.length === 0 ? run : { ...run, harnessRetries: retried };
    if (attempt >= HARNESS_ATTEMPTS) return { ...run, harnessRetries: retried, harnessFault: fault };
    retried.push(fault);
  }
}
