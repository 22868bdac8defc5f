import type { DeviceTransport, StartReply } from '../../src/adapters/protocol-types.js';
import { usageError } from '../../src/errors/harness-error.js';
import type { Dialect } from '../../src/results/check-result.js';

/** Transports the emulator serves (every transport of the adapter protocol). */
export const EMULATED_TRANSPORTS: readonly DeviceTransport[] = ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws'];

/**
 * `--transport T` that the emulator does not serve is a usage error found before anything starts
 * (no webhook, emulator or adapter), so the command exits 2 at once. Which transports are served is
 * EMULATED_TRANSPORTS: when the emulator serves one more, this follows.
 */
export function checkTransportServed(transport: DeviceTransport | undefined, served: readonly DeviceTransport[] = EMULATED_TRANSPORTS): void {
  if (transport !== undefined && !served.includes(transport)) {
    throw usageError(`--transport ${transport}: the emulator does not serve ${transport} yet; it serves ${served.join(', ')}`);
  }
}

export interface DeviceNarrowing {
  transport?: DeviceTransport;
  dialect?: Dialect | 'all';
}

/**
 * What a device run covers: every claimed transport the emulator serves x every claimed dialect,
 * narrowed by `--transport` / `--dialect`. Asking for something the implementation does not claim is
 * a usage error (exit 2), so a CI job cannot pass by testing nothing.
 */
export function planDeviceCoverage(claims: StartReply, narrowing: DeviceNarrowing): { transports: DeviceTransport[]; dialects: Dialect[] } {
  const claimedTransports = claims.transports.filter((t) => EMULATED_TRANSPORTS.includes(t));
  let transports = claimedTransports;
  if (narrowing.transport !== undefined) {
    checkTransportServed(narrowing.transport);
    if (!claims.transports.includes(narrowing.transport)) {
      throw usageError(`--transport ${narrowing.transport}: ${claims.implementation.name} claims ${claims.transports.join(', ')}`);
    }
    transports = [narrowing.transport];
  }
  if (transports.length === 0) throw usageError(`${claims.implementation.name} claims no transport the emulator serves (${EMULATED_TRANSPORTS.join(', ')})`);
  let dialects = [...claims.dialects];
  if (narrowing.dialect !== undefined && narrowing.dialect !== 'all') {
    if (!claims.dialects.includes(narrowing.dialect)) throw usageError(`--dialect ${narrowing.dialect}: ${claims.implementation.name} claims ${claims.dialects.join(', ')}`);
    dialects = [narrowing.dialect];
  }
  return { transports, dialects };
}
