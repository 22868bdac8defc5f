import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { connectDevice, REGISTER_TOPIC, request } from './helpers/mqtt-device.js';

const body = (registrationId: string): string => JSON.stringify({ registrationId });

describe('emulator over MQTT: the device\'s PUBACK of each answer is recorded', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('records `acknowledged` with the answer\'s topic once a QoS 1 subscriber acknowledges the answer', async () => {
    const client = await connectDevice(emulator, 'ack-1');
    try {
      await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
      const answer = await request(client, REGISTER_TOPIC, body('ack-1'), '1');
      let entries = emulator.transcript.forRegistration('ack-1');
      for (let i = 0; i < 50 && !entries.some((e) => e.kind === 'acknowledged'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        entries = emulator.transcript.forRegistration('ack-1');
      }
      const register = entries.find((e) => e.kind === 'register');
      const acks = entries.filter((e) => e.kind === 'acknowledged');
      assert.equal(acks.length, 1, JSON.stringify(entries.map((e) => e.kind)));
      assert.equal(acks[0]!.response?.topic, answer.topic);
      assert.equal(acks[0]!.frontEnd, 'mqtt');
      assert.ok(acks[0]!.seq > register!.seq);
      assert.ok((acks[0]!.durationMs ?? -1) >= 0);
      assert.match(acks[0]!.notes?.notes?.[0] ?? '', /acknowledged \(PUBACK\) the answer on \$dps\/registrations\/res\/202\//);
    } finally {
      await client.endAsync();
    }
  });

  it('records none when the device takes the answer but never acknowledges it (its handler does not return)', async () => {
    const client = await connectDevice(emulator, 'ack-2', { ws: true });
    try {
      // the library emits the message, then acknowledges once handleMessage calls back: this one never does
      client.handleMessage = (): void => undefined;
      await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
      const answer = await request(client, REGISTER_TOPIC, body('ack-2'), '1');
      assert.equal(answer.status, 202);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const kinds = emulator.transcript.forRegistration('ack-2').map((e) => e.kind);
      assert.ok(kinds.includes('register'), JSON.stringify(kinds));
      assert.ok(!kinds.includes('acknowledged'), JSON.stringify(kinds));
    } finally {
      await client.endAsync(true);
    }
  });

  it('records none for a QoS 0 subscription (no PUBACK is owed)', async () => {
    const client = await connectDevice(emulator, 'ack-3');
    try {
      await client.subscribeAsync('$dps/registrations/res/#', { qos: 0 });
      await request(client, REGISTER_TOPIC, body('ack-3'), '1');
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(!emulator.transcript.forRegistration('ack-3').some((e) => e.kind === 'acknowledged'));
    } finally {
      await client.endAsync();
    }
  });
});
