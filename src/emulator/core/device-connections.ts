import type { ConnectionEnd } from './connection-end.js';
import type { FrontEnd } from './core-request.js';
import { dpsTimestamp } from './dps-timestamp.js';
import type { Transcript } from '../transcript/transcript.js';
import { describeHandshakeFailure, type TlsListener } from '../tls/handshake-failure.js';

const END_NOTES: Record<ConnectionEnd, string> = {
  disconnect: 'the device closed the connection (a clean close: MQTT DISCONNECT or AMQP close)',
  dropped: 'the connection ended without a close from the device (it crashed, lost the network or was killed)',
  emulator: 'the emulator ended the connection',
  'emulator-stopped': 'the connection was still open when the emulator stopped',
};

/** The transcript kind of a failed TLS handshake (no registration; its note says what failed). */
export const TLS_HANDSHAKE_FAILED = 'tls-handshake-failed';

interface Open {
  frontEnd: FrontEnd;
  registrationId: string;
}

/**
 * The MQTT and AMQP connections of devices: each gets an id (`mqtt-3`, `amqp-ws-7`) that every
 * transcript entry it carried names, and once the emulator accepted it (CONNECT, SASL or an X.509
 * link), its end is recorded as a `closed` entry: what a device did last is evidence (a device that
 * connects and leaves, one that crashes between register and poll). On close, every connection still
 * open is recorded as `emulator-stopped` before the sockets go, so the record does not depend on
 * the order sockets report their end.
 */
export class DeviceConnections {
  readonly #transcript: Transcript;
  readonly #open = new Map<string, Open>();
  #next = 0;

  constructor(transcript: Transcript) {
    this.#transcript = transcript;
  }

  /** A fresh id for a connection of `frontEnd`. */
  newId(frontEnd: FrontEnd): string {
    this.#next += 1;
    return `${frontEnd}-${this.#next}`;
  }

  /** The emulator accepted the connection as `registrationId`: its end will be recorded. */
  accepted(connection: string, frontEnd: FrontEnd, registrationId: string): void {
    this.#open.set(connection, { frontEnd, registrationId });
  }

  /** The connection ended; recorded once, and only for an accepted connection. */
  ended(connection: string, how: ConnectionEnd, detail?: string): void {
    const open = this.#open.get(connection);
    if (!open) return;
    this.#open.delete(connection);
    this.#transcript.record({
      at: dpsTimestamp(),
      frontEnd: open.frontEnd,
      kind: 'closed',
      registrationId: open.registrationId,
      connection,
      request: {},
      closed: how,
      notes: { notes: [detail === undefined ? END_NOTES[how] : `${END_NOTES[how]}: ${detail}`] },
    });
  }

  /**
   * A TLS handshake failed: recorded with no registration (none was named yet), so that the
   * observation report and the stop line show a device that never got through TLS.
   */
  handshakeFailed(listener: TlsListener, error: Error): void {
    this.#transcript.record({
      at: dpsTimestamp(),
      frontEnd: listener,
      kind: TLS_HANDSHAKE_FAILED,
      request: {},
      notes: { notes: [describeHandshakeFailure(listener, error)] },
    });
  }

  /** The emulator is stopping: every connection still open is recorded as such. */
  endAll(): void {
    for (const connection of [...this.#open.keys()]) this.ended(connection, 'emulator-stopped');
  }
}
