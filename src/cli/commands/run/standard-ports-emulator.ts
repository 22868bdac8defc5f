import { isHarnessError } from '../../../errors/harness-error.js';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index.js';
import type { ReadyTarget, UnavailableTarget } from './bundled-targets.js';

/**
 * Starts the standard-ports emulator when a ready implementation needs one. When it cannot bind (not
 * root, no capability), those implementations move to `unavailable` with the error, which names the
 * fix, and the rest of the run goes on.
 */
export async function startStandardPortsEmulator(
  ready: readonly ReadyTarget[],
  unavailable: UnavailableTarget[],
  options: EmulatorOptions,
): Promise<{ emulator: RunningEmulator | undefined; ready: ReadyTarget[] }> {
  if (!ready.some((t) => t.implementation.standardPorts)) return { emulator: undefined, ready: [...ready] };
  try {
    return { emulator: await startEmulator({ ...options, standardPorts: true }), ready: [...ready] };
  } catch (error) {
    if (!isHarnessError(error)) throw error;
    for (const target of ready.filter((t) => t.implementation.standardPorts)) {
      unavailable.push({ implementation: target.implementation, outcome: 'skipped', reason: `not run: ${error.message}` });
    }
    return { emulator: undefined, ready: ready.filter((t) => !t.implementation.standardPorts) };
  }
}
