import type { RegistrationPlan } from '../../src/emulator/index.js';
import { SCENARIO_PLANS } from '../device/device-case.js';

/** One server-side case of the device suite, as `emulate --scenarios` gives it to a registration. */
export interface Scenario {
  caseId: string;
  plan: RegistrationPlan;
  /** register requests the scenario takes (a throttled register is sent again) */
  registers: number;
}

/** The device suite's server-side cases, in the order a device meets them; after the last, the emulator's defaults. */
export const SCENARIOS: readonly Scenario[] = [
  { caseId: 'device-retry-after', plan: SCENARIO_PLANS.retryAfter, registers: 1 },
  { caseId: 'device-throttled', plan: SCENARIO_PLANS.throttled, registers: (SCENARIO_PLANS.throttled.throttleFirst.times ?? 1) + 1 },
  { caseId: 'device-allocation-failed', plan: SCENARIO_PLANS.allocationFailed, registers: 1 },
  { caseId: 'device-fragmented', plan: SCENARIO_PLANS.fragmented, registers: 1 },
];

interface DeviceProgress {
  index: number;
  registersLeft: number;
}

/** Devices tracked at most (bounded memory in a long session); the oldest starts over. */
const TRACKED = 10_000;

/**
 * The `beforeRegister` hook of `emulate --scenarios`: each registration of a device gets the next
 * scenario's plan (set through `plan`), and the register's transcript note names it so that the
 * grading knows which case it was. After the last scenario the device registers as usual.
 */
export function scenarioPlanner(
  plan: (registrationId: string, plan: RegistrationPlan) => void,
  scenarios: readonly Scenario[] = SCENARIOS,
): (registrationId: string) => string | undefined {
  const progress = new Map<string, DeviceProgress>();
  return (registrationId) => {
    const key = registrationId.toLowerCase();
    let state = progress.get(key);
    if (state && state.registersLeft > 0) {
      state.registersLeft -= 1;
      const current = scenarios[state.index];
      return current ? `scenario ${current.caseId}` : undefined;
    }
    state = { index: state ? state.index + 1 : 0, registersLeft: 0 };
    progress.delete(key);
    progress.set(key, state);
    for (const oldest of progress.keys()) {
      if (progress.size <= TRACKED) break;
      progress.delete(oldest);
    }
    const next = scenarios[state.index];
    if (!next) {
      if (state.index === scenarios.length) plan(registrationId, {});
      return undefined;
    }
    state.registersLeft = next.registers - 1;
    plan(registrationId, next.plan);
    return `scenario ${next.caseId}`;
  };
}
