import assert from 'node:assert/strict';
import { ErrorCatalogue, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { connectDevice } from './helpers/mqtt-device.js';

describe('emulator over MQTT: SUBSCRIBE is recorded', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('records the response subscription with its topic filter, the QoS asked and the QoS granted (QoS 2 -> 1)', async () => {
    for (const [registrationId, asked, granted] of [['sub-q0', 0, 0], ['sub-q1', 1, 1], ['sub-q2', 2, 1]] as const) {
      const client = await connectDevice(emulator, registrationId);
      try {
        const suback = await client.subscribeAsync('$dps/registrations/res/#', { qos: asked });
        // aedes 1.2 writes the QoS asked for into SUBACK whatever authorizeSubscribe grants, so only 0 and 1 are checked on the wire
        if (asked < 2) assert.equal(suback[0]?.qos, granted);
      } finally {
        await client.endAsync();
      }
      const entries = emulator.transcript.forRegistration(registrationId).filter((e) => e.kind === 'subscribe');
      assert.equal(entries.length, 1, registrationId);
      assert.deepEqual(entries[0]?.request.wire, { packet: 'subscribe', topic: '$dps/registrations/res/#', qos: asked });
      assert.equal(entries[0]?.response?.grantedQos, granted);
      assert.equal(entries[0]?.frontEnd, 'mqtt');
    }
  });

  it('records a subscription outside the DPS topics as unexpected, refused with SUBACK 0x80 (policy: answer)', async () => {
    const refusing = await startEmulator({ retryAfterSeconds: 0, onUnexpected: (_request, decision) => (decision.kind === 'disconnect' ? { kind: 'answer', entry: ErrorCatalogue.notFound } : decision) });
    try {
      const client = await connectDevice(refusing, 'sub-rogue', { ws: true });
      try {
        // mqtt.js rejects a subscription whose SUBACK return code is 0x80
        await assert.rejects(client.subscribeAsync('devices/sub-rogue/messages/devicebound/#', { qos: 1 }), /Subscribe error/);
      } finally {
        await client.endAsync();
      }
      const entry = refusing.transcript.forRegistration('sub-rogue').find((e) => e.kind === 'unexpected');
      assert.equal(entry?.frontEnd, 'mqtt-ws');
      assert.deepEqual(entry?.request.wire, { packet: 'subscribe', topic: 'devices/sub-rogue/messages/devicebound/#', qos: 1 });
      assert.equal(entry?.notes?.unexpected?.reason, 'unknown-topic');
      assert.equal(entry?.response?.grantedQos, 128);
    } finally {
      await refusing.close();
    }
  });
});
