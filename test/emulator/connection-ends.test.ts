import assert from 'node:assert/strict';
import type { MqttClient } from 'mqtt';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { openAmqp, type AmqpDevice } from './helpers/amqp-device.js';
import { connectDevice } from './helpers/mqtt-device.js';

type Entry = ReturnType<RunningEmulator['transcript']['entries']>[number];

/** The `closed` entry of the registration's connection, once the emulator has recorded it (or after 10 s). */
async function closedEntry(emulator: RunningEmulator, registrationId: string): Promise<Entry | undefined> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const closed = emulator.transcript.entries().find((e) => e.registrationId === registrationId && e.kind === 'closed');
    if (closed || Date.now() > deadline) return closed;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function amqpDevice(emulator: RunningEmulator, registrationId: string, overWebSocket: boolean): Promise<AmqpDevice> {
  const opened = await openAmqp(emulator, registrationId, { overWebSocket });
  if ('refused' in opened) throw new Error(`connection refused: ${opened.refused}`);
  return opened;
}

/** mqtt.js keeps the TLS socket or the WebSocket stream as `stream`; destroying it sends no DISCONNECT. */
function cutMqtt(client: MqttClient): void {
  (client as unknown as { stream: { destroy(): void } }).stream.destroy();
}

// A device process that dies mid-registration leaves no goodbye: its transport just ends. The
// emulator must see that end on every transport (the real Azure IoT C SDK aborting over AMQP over
// WebSocket was once recorded as "still open when the emulator stopped").
describe('emulator: how a device connection ended, on every transport', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  for (const overWebSocket of [false, true]) {
    const transport = overWebSocket ? 'amqp-ws' : 'amqp';
    it(`${transport}: a connection cut under the AMQP layer is recorded as dropped`, async () => {
      const id = `ends-cut-${transport}`;
      const device = await amqpDevice(emulator, id, overWebSocket);
      device.cut();
      const closed = await closedEntry(emulator, id);
      assert.equal(closed?.closed, 'dropped', JSON.stringify(closed));
      assert.equal(closed?.frontEnd, transport);
    });

    it(`${transport}: an AMQP close is recorded as a clean disconnect`, async () => {
      const id = `ends-close-${transport}`;
      const device = await amqpDevice(emulator, id, overWebSocket);
      await device.close();
      const closed = await closedEntry(emulator, id);
      assert.equal(closed?.closed, 'disconnect', JSON.stringify(closed));
    });
  }

  for (const ws of [false, true]) {
    const transport = ws ? 'mqtt-ws' : 'mqtt';
    it(`${transport}: a connection cut under the MQTT layer is recorded as dropped`, async () => {
      const id = `ends-cut-${transport}`;
      const client = await connectDevice(emulator, id, { ws });
      cutMqtt(client);
      const closed = await closedEntry(emulator, id);
      assert.equal(closed?.closed, 'dropped', JSON.stringify(closed));
      assert.equal(closed?.frontEnd, transport);
    });

    it(`${transport}: an MQTT DISCONNECT is recorded as a clean disconnect`, async () => {
      const id = `ends-close-${transport}`;
      const client = await connectDevice(emulator, id, { ws });
      await client.endAsync();
      const closed = await closedEntry(emulator, id);
      assert.equal(closed?.closed, 'disconnect', JSON.stringify(closed));
    });
  }
});
