import type { DeviceTransport } from '../../../adapters/protocol-types.js';
import type { Dialect } from '../../../results/check-result.js';
import type { PreparedDeviceTarget } from '../../../../suites/device/prepare-device-target.js';
import { planDeviceCoverage } from '../../../../suites/device/plan-device-run.js';
import type { ReadyTarget } from './bundled-targets.js';

/** One adapter of an implementation and the one transport it is tested on (all it claims when absent). */
export interface SplitTarget {
  target: PreparedDeviceTarget;
  transport?: DeviceTransport | undefined;
}

/**
 * Starts one adapter per transport of an implementation, so its transports register side by side:
 * the first (unnarrowed) says what the implementation claims and serves the first transport; the
 * others start narrowed to one transport each. Every started target is pushed to `started` at once,
 * so the run's cleanup stops it even when a later start rejects. An adapter that did not start is
 * one target alone (its errored start row), as before.
 */
export async function prepareSplit(
  bundled: ReadyTarget,
  prepare: (bundled: ReadyTarget, transport?: DeviceTransport) => Promise<PreparedDeviceTarget>,
  dialect: Dialect | 'all',
  started: PreparedDeviceTarget[],
): Promise<SplitTarget[]> {
  const first = await prepare(bundled);
  started.push(first);
  if (!first.claims) return [{ target: first }];
  const [own, ...rest] = planDeviceCoverage(first.claims, { dialect }).transports;
  const others = await Promise.allSettled(
    rest.map(async (transport) => {
      const target = await prepare(bundled, transport);
      started.push(target);
      return { target, transport };
    }),
  );
  const refused = others.find((p): p is PromiseRejectedResult => p.status === 'rejected');
  if (refused) throw refused.reason;
  return [{ target: first, transport: own }, ...others.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []))];
}
