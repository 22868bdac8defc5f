import assert from 'node:assert/strict';
import type { MqttClient } from 'mqtt';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { connectDevice, pollTopic, REGISTER_TOPIC, request } from './helpers/mqtt-device.js';

async function registerOverMqtt(
  client: MqttClient,
  registrationId: string,
  body: string,
): Promise<{ first: Awaited<ReturnType<typeof request>>; answers: Awaited<ReturnType<typeof request>>[] }> {
  await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
  const first = await request(client, REGISTER_TOPIC, body, '1');
  const answers = [first];
  for (let i = 2; i < 20 && answers[answers.length - 1]!.status === 202; i += 1) {
    answers.push(await request(client, pollTopic(String(first.json['operationId'])), ' ', String(i)));
  }
  return { first, answers };
}

describe('emulator over MQTT', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('registers over MQTT/TLS: res/202 with retry-after, then res/200 assigned with the payload', async () => {
    emulator.plan('mqtt-1', { pollsBeforeDone: 1, retryAfterSeconds: 1 });
    const client = await connectDevice(emulator, 'mqtt-1');
    try {
      const { first, answers } = await registerOverMqtt(client, 'mqtt-1', JSON.stringify({ registrationId: 'mqtt-1', payload: { modelId: 'm' } }));
      assert.equal(first.status, 202);
      assert.equal(first.params.get('retry-after'), '1');
      assert.equal(first.json['status'], 'assigning');
      assert.deepEqual(answers.map((a) => a.status), [202, 202, 200]);
      const last = answers[answers.length - 1]!;
      assert.equal(last.params.get('retry-after'), null);
      assert.deepEqual((last.json['registrationState'] as Record<string, unknown>)['payload'], { modelId: 'm' });
    } finally {
      await client.endAsync();
    }
    const transports = emulator.observations().registrations.find((r) => r.registrationId === 'mqtt-1')?.transports;
    assert.deepEqual(transports, ['mqtt']);
  });

  it('tolerates a whitespace-only register body (old SDKs)', async () => {
    const client = await connectDevice(emulator, 'mqtt-space');
    try {
      const { answers } = await registerOverMqtt(client, 'mqtt-space', ' ');
      assert.equal(answers[answers.length - 1]!.json['status'], 'assigned');
    } finally {
      await client.endAsync();
    }
  });

  it('answers errors on the topic with a DPS error body (400 for a bad body, 429 when throttled)', async () => {
    emulator.plan('mqtt-err', { throttleFirst: { retryAfterSeconds: 3 } });
    const client = await connectDevice(emulator, 'mqtt-err');
    try {
      await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
      const throttled = await request(client, REGISTER_TOPIC, '{}', 'a');
      assert.equal(throttled.status, 429);
      assert.equal(throttled.params.get('retry-after'), '3');
      assert.equal(throttled.json['errorCode'], 429001);
      const bad = await request(client, REGISTER_TOPIC, '{not json', 'b');
      assert.equal(bad.status, 400);
      assert.equal(bad.json['errorCode'], 400004);
    } finally {
      await client.endAsync();
    }
  });

  it('refuses a CONNECT with a bad SAS with CONNACK 5 (not authorized)', async () => {
    await assert.rejects(connectDevice(emulator, 'mqtt-bad', { password: 'SharedAccessSignature sr=x&sig=y&se=1&skn=registration' }), (error: Error & { code?: number }) => {
      assert.equal(error.code, 5);
      return true;
    });
    await assert.rejects(connectDevice(emulator, 'mqtt-bad', { username: 'not-a-dps-username' }), (error: Error & { code?: number }) => error.code === 5);
  });

  it('disconnects a client that publishes outside the documented topics, and records it', async () => {
    const client = await connectDevice(emulator, 'mqtt-rogue');
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish('devices/mqtt-rogue/messages/events/', 'hi', { qos: 1 });
    await closed;
    client.end(true);
    const unexpected = emulator.observations().registrations.find((r) => r.registrationId === 'mqtt-rogue')?.unexpected;
    assert.equal(unexpected?.[0]?.reason, 'unknown-topic');
    assert.equal(unexpected?.[0]?.decision, 'disconnect');
  });

  it('registers over MQTT over WebSocket on the HTTPS port', async () => {
    const client = await connectDevice(emulator, 'mqtt-ws-1', { ws: true });
    try {
      const { answers } = await registerOverMqtt(client, 'mqtt-ws-1', JSON.stringify({ registrationId: 'mqtt-ws-1' }));
      assert.equal(answers[answers.length - 1]!.json['status'], 'assigned');
    } finally {
      await client.endAsync();
    }
    assert.deepEqual(emulator.observations().registrations.find((r) => r.registrationId === 'mqtt-ws-1')?.transports, ['mqtt-ws']);
  });

  it('fragments the MQTT answers into small TLS writes when planned, and the client still parses them', async () => {
    emulator.plan('mqtt-frag', { fragment: { chunkBytes: 3, pauseMs: 1 } });
    const client = await connectDevice(emulator, 'mqtt-frag');
    try {
      let reads = 0;
      client.stream.on('data', () => (reads += 1));
      const { answers } = await registerOverMqtt(client, 'mqtt-frag', JSON.stringify({ registrationId: 'mqtt-frag', payload: { big: 'x'.repeat(50) } }));
      assert.equal(answers[answers.length - 1]!.json['status'], 'assigned');
      assert.ok(reads >= 20, `expected many separate reads, got ${reads}`);
    } finally {
      await client.endAsync();
    }
  });
});
