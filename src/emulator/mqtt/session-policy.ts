import type { Aedes, Client, ConnectPacket } from 'aedes';
import type { Duplex } from 'node:stream';
import type { EmulatorCore } from '../core/emulator-core.js';
import { dpsTimestamp } from '../core/dps-timestamp.js';
import type { MqttConnectionState } from './mqtt-connection-state.js';
import { parseMqttUsername } from './parse-mqtt-username.js';

/** How MQTT sessions and protocol levels are treated (docs/emulator-behaviour.md). */
export interface MqttSessionOptions {
  /** accept protocol level 3 (MQTT 3.1); DPS documents 3.1.1 only */
  acceptMqtt31: boolean;
  /** keep a session when CleanSession is 0, as a general broker would; DPS treats every session as clean */
  persistent: boolean;
}

/** CONNACK "unacceptable protocol version" (MQTT 3.1.1 section 3.2.2.3): fixed header, length 2, no session, code 1. */
const CONNACK_BAD_VERSION = Buffer.from([0x20, 0x02, 0x00, 0x01]);
const MQTT_311 = 4;

/**
 * Installs aedes's `preConnect` and `authorizeForward` hooks:
 * - a CONNECT at protocol level 3 is refused with CONNACK 1 (recorded as an unexpected request) unless allowed;
 * - CleanSession 0 is read as 1 unless sessions are kept, so a reconnecting device gets sessionPresent 0,
 *   no old subscriptions and no stale answers;
 * - whatever aedes sends from a kept session (queued answers) is recorded in the transcript, so the
 *   emulator is never silent about what it sent on a device's behalf.
 */
export function installSessionPolicy(broker: Aedes, core: EmulatorCore, pending: WeakMap<Duplex, MqttConnectionState>, options: MqttSessionOptions): void {
  broker.preConnect = (client: Client, packet: ConnectPacket, callback: (error: Error | null, success: boolean) => void) => {
    const state = pending.get(client.conn);
    const level = packet.protocolVersion ?? MQTT_311;
    if (state) Object.assign(state, { cleanRequested: packet.clean !== false, protocolLevel: level });
    if (level === 3 && !options.acceptMqtt31) {
      const username = packet.username;
      const registrationId = parseMqttUsername(username)?.registrationId;
      const reply = core.handle({
        kind: 'unexpected',
        frontEnd: state?.frontEnd ?? 'mqtt',
        wire: { packet: 'connect', clientId: packet.clientId, protocolLevel: level, cleanSession: packet.clean !== false, ...(username !== undefined ? { username } : {}) },
        receivedAt: Date.now(),
        reason: 'unsupported-protocol-version',
        detail: 'MQTT 3.1 (protocol level 3); DPS documents MQTT 3.1.1 (level 4)',
        ...(registrationId !== undefined ? { registrationId } : {}),
      });
      if (reply.kind === 'disconnect') {
        client.conn.write(CONNACK_BAD_VERSION, () => client.conn.end());
        callback(null, false);
        return;
      }
    }
    if (!options.persistent) packet.clean = true;
    callback(null, true);
  };

  broker.authorizeForward = (client, packet) => {
    // the emulator's own answers go out once the client is connected; before that, aedes is replaying a kept session
    if (!client.connected) recordSentForDevice(core, pending.get(client.conn), 'replay', packet.topic, packet.payload);
    return packet;
  };
}

/**
 * Records a packet the emulator sent to a device without the device asking for it in this connection
 * (`replay`: a queued answer of a kept session; `restored-subscription`: a subscription aedes restored).
 */
export function recordSentForDevice(core: EmulatorCore, state: MqttConnectionState | undefined, kind: 'replay' | 'restored-subscription', topic: string, payload?: Buffer | string): void {
  const bodyText = payload === undefined ? undefined : Buffer.isBuffer(payload) ? payload.toString('utf8') : payload;
  core.context.transcript.record({
    at: dpsTimestamp(),
    frontEnd: state?.frontEnd ?? 'mqtt',
    kind,
    ...(state?.registrationId !== undefined ? { registrationId: state.registrationId } : {}),
    ...(state ? { connection: state.connection } : {}),
    request: {},
    response: { ...(bodyText !== undefined ? { bodyText } : {}), topic },
    notes: { notes: [kind === 'replay' ? `sent by the emulator from the kept session on ${topic}, not asked for in this connection` : `subscription ${topic} restored from the kept session, not sent by the device`] },
  });
}
