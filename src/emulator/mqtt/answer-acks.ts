import type { Client } from 'aedes';
import type { EmulatorCore } from '../core/emulator-core.js';
import { dpsTimestamp } from '../core/dps-timestamp.js';
import type { MqttConnectionState } from './mqtt-connection-state.js';

/**
 * The device's PUBACK for each answer sent at QoS 1, as an `acknowledged` transcript entry: the proof
 * that the answer reached the device's MQTT library and was handed on (an MQTT 3.1.1 receiver
 * acknowledges a QoS 1 PUBLISH once it has taken ownership of it, section 4.3.2; paho does so after
 * its `messageArrived` callback returns). An answer with no such entry was never acknowledged
 * (docs/emulator-behaviour.md).
 */
export class AnswerAcks {
  readonly #core: EmulatorCore;
  /** answer topic (unique by its $rid) -> when it was sent, per connection */
  readonly #sent = new WeakMap<Client, Map<string, number>>();

  constructor(core: EmulatorCore) {
    this.#core = core;
  }

  /** Notes an answer just published to `client` at QoS 1. */
  sent(client: Client, topic: string): void {
    let topics = this.#sent.get(client);
    if (!topics) {
      topics = new Map();
      this.#sent.set(client, topics);
    }
    topics.set(topic, performance.now());
  }

  /**
   * aedes's `ack` event, a PUBACK from `client`. aedes names the packet acknowledged only when it kept
   * it (persistent sessions); otherwise it is the oldest answer not yet acknowledged, since a receiver
   * sends PUBACKs in the order of the PUBLISHes (MQTT 3.1.1 section 4.6).
   */
  acknowledged(client: Client | undefined, state: MqttConnectionState | undefined, keptTopic: string | undefined): void {
    const topics = client ? this.#sent.get(client) : undefined;
    if (!topics) return;
    const topic = keptTopic ?? topics.keys().next().value;
    const sentAt = topic === undefined ? undefined : topics.get(topic);
    if (topic === undefined || sentAt === undefined) return;
    topics.delete(topic);
    const ms = Math.round((performance.now() - sentAt) * 10) / 10;
    this.#core.context.transcript.record({
      at: dpsTimestamp(),
      frontEnd: state?.frontEnd ?? 'mqtt',
      kind: 'acknowledged',
      ...(state?.registrationId !== undefined ? { registrationId: state.registrationId } : {}),
      ...(state ? { connection: state.connection } : {}),
      request: {},
      response: { topic },
      durationMs: ms,
      notes: { notes: [`the device acknowledged (PUBACK) the answer on ${topic} ${ms} ms after it was sent`] },
    });
  }
}
