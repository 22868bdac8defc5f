import assert from 'node:assert/strict';
import type { MqttClient } from 'mqtt';
import type WebSocket from 'ws';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { openAmqp, socketUnder, type AmqpDevice } from './helpers/amqp-device.js';
import { headerInsidePayload } from './helpers/broken-websocket-framing.js';
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

/** The entries the emulator recorded for the registration, once its connection's `closed` entry is there. */
async function entriesUntilClosed(emulator: RunningEmulator, registrationId: string): Promise<Entry[]> {
  await closedEntry(emulator, registrationId);
  return emulator.transcript.entries().filter((e) => e.registrationId === registrationId);
}

/** Paho's (1.2.5) WebSocket close, masked with a zero key: opcode close, payload `"1000".getBytes()` (status 0x3130). */
const PAHO_CLOSE_FRAME = Buffer.from([0x88, 0x84, 0, 0, 0, 0, 0x31, 0x30, 0x30, 0x30]);
const PAHO_CLOSE_NOTE = /close frame RFC 6455 does not allow \(Invalid WebSocket frame: invalid status code 12592: the bytes "10", a status code written as text\)/;

/** Connects over mqtt-ws, writes `bytes` under the WebSocket layer, and returns the registration's entries once its connection closed. */
async function entriesAfterMqttWsBytes(emulator: RunningEmulator, registrationId: string, bytes: Buffer): Promise<Entry[]> {
  let webSocket: WebSocket | undefined;
  await connectDevice(emulator, registrationId, { ws: true, onWebSocket: (made) => (webSocket = made) });
  assert.ok(webSocket);
  socketUnder(webSocket).write(bytes);
  return entriesUntilClosed(emulator, registrationId);
}

/** Connects over amqp-ws, writes `bytes` under the WebSocket layer, and returns the registration's entries once its connection closed. */
async function entriesAfterAmqpWsBytes(emulator: RunningEmulator, registrationId: string, bytes: Buffer): Promise<Entry[]> {
  const device = await amqpDevice(emulator, registrationId, true);
  device.writeUnderWebSocket(bytes);
  return entriesUntilClosed(emulator, registrationId);
}

/** The device closed, not the emulator: a `disconnect` end naming paho's close frame, and nothing refused. */
function assertDeviceClosedWithPahoFrame(entries: Entry[]): void {
  const closed = entries.find((e) => e.kind === 'closed');
  assert.equal(closed?.closed, 'disconnect', JSON.stringify(closed));
  assert.match(closed?.notes?.notes?.[0] ?? '', PAHO_CLOSE_NOTE);
  assert.equal(entries.find((e) => e.kind === 'unexpected'), undefined, JSON.stringify(entries));
}

/** The emulator ended the connection for bytes that are not WebSocket framing, and recorded why. */
function assertEndedForFraming(entries: Entry[]): void {
  const closed = entries.find((e) => e.kind === 'closed');
  assert.equal(closed?.closed, 'emulator', JSON.stringify(closed));
  assert.match(closed?.notes?.notes?.[0] ?? '', /not WebSocket framing: Invalid WebSocket frame: RSV2 and RSV3 must be clear/);
  const refused = entries.find((e) => e.kind === 'unexpected');
  assert.equal(refused?.notes?.unexpected?.reason, 'malformed-websocket', JSON.stringify(entries));
  assert.equal(refused?.notes?.unexpected?.decision, 'disconnect');
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

    if (overWebSocket) {
      it('amqp-ws: framing that breaks RFC 6455 is recorded as the emulator ending the connection, and why', async () => {
        // an AMQP frame header announcing 30,000 bytes: rhea waits for the rest
        assertEndedForFraming(await entriesAfterAmqpWsBytes(emulator, 'ends-bad-framing-amqp-ws', headerInsidePayload(Buffer.from([0x00, 0x00, 0x75, 0x30, 0x02, 0x00, 0x00, 0x00]))));
      });

      it('amqp-ws: a close frame with a status code RFC 6455 does not allow is the device closing, not a refusal', async () => {
        assertDeviceClosedWithPahoFrame(await entriesAfterAmqpWsBytes(emulator, 'ends-paho-close-amqp-ws', PAHO_CLOSE_FRAME));
      });
    }

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

    if (ws) {
      it('mqtt-ws: framing that breaks RFC 6455 is recorded as the emulator ending the connection, and why', async () => {
        // an MQTT PUBLISH announcing 30,000 bytes: the MQTT parser waits for the rest
        assertEndedForFraming(await entriesAfterMqttWsBytes(emulator, 'ends-bad-framing-mqtt-ws', headerInsidePayload(Buffer.from([0x30, 0xb0, 0xea, 0x01]))));
      });

      it('mqtt-ws: paho\'s close frame ("1000" as text, status 12592) is the device closing, not a refusal (the Java SDK sends it on every close)', async () => {
        assertDeviceClosedWithPahoFrame(await entriesAfterMqttWsBytes(emulator, 'ends-paho-close-mqtt-ws', PAHO_CLOSE_FRAME));
      });
    }

    it(`${transport}: an MQTT DISCONNECT is recorded as a clean disconnect`, async () => {
      const id = `ends-close-${transport}`;
      const client = await connectDevice(emulator, id, { ws });
      await client.endAsync();
      const closed = await closedEntry(emulator, id);
      assert.equal(closed?.closed, 'disconnect', JSON.stringify(closed));
    });
  }
});
