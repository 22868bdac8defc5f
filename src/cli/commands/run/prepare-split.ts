import type { DeviceTransport } from '../../../adapters/protocol-types.js';
import type { Dialect } from '../../../results/check-result.js';
import type { Lane } from '../../../../suites/device/build-device-suite.js';
import type { PreparedDeviceTarget } from '../../../../suites/device/prepare-device-target.js';
import { planDeviceCoverage } from '../../../../suites/device/plan-device-run.js';
import type { ReadyTarget } from './bundled-targets.js';

/** One adapter of an implementation, the one transport it is tested on (all it claims when absent) and its share of the cases. */
export interface SplitTarget {
  target: PreparedDeviceTarget;
  transport?: DeviceTransport | undefined;
  lane?: Lane | undefined;
}

/**
 * Starts the adapters of one implementation so that its registrations overlap: one per transport,
 * times its adapters per transport (each of those lanes takes every n-th case). The first
 * (unnarrowed) says what the implementation claims and serves the first lane of the first
 * transport; the others start narrowed to one transport each. Every started target is pushed to
 * `started` at once, so the run's cleanup stops it even when a later start rejects. An adapter that
 * did not start is one target alone (its errored start row), as before.
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
  const count = Math.max(1, Math.floor(bundled.implementation.adaptersPerTransport ?? 1));
  const laneOf = (index: number): Lane | undefined => (count === 1 ? undefined : { index, count });
  const [own, ...rest] = planDeviceCoverage(first.claims, { dialect }).transports;
  if (own === undefined) return [{ target: first }];
  const wanted = [own, ...rest].flatMap((transport) => Array.from({ length: count }, (_, index) => ({ transport, lane: laneOf(index) })));
  const others = await Promise.allSettled(
    wanted.slice(1).map(async ({ transport, lane }) => {
      const target = await prepare(bundled, transport);
      started.push(target);
      return { target, transport, lane };
    }),
  );
  const refused = others.find((p): p is PromiseRejectedResult => p.status === 'rejected');
  if (refused) throw refused.reason;
  return [{ target: first, transport: own, lane: laneOf(0) }, ...others.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []))];
}
