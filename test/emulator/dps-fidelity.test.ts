import assert from 'node:assert/strict';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { sasFor, register, poll } from './helpers/device.js';
import { pollTopic, REGISTER_TOPIC, request } from './helpers/mqtt-device.js';

interface Connected {
  client: MqttClient;
  sessionPresent: boolean;
  messages: string[];
}

/** Connects like the Embedded C SDK sample: CleanSession 0, a token without skn; reports the CONNACK's session flag. */
function connectKept(emulator: RunningEmulator, registrationId: string, extra: Partial<IClientOptions> = {}): Promise<Connected> {
  const client = connect({
    host: '127.0.0.1',
    port: emulator.mqttPort,
    protocol: 'mqtts',
    protocolVersion: 4,
    clean: false,
    clientId: registrationId,
    username: `${emulator.idScope}/registrations/${registrationId}/api-version=2019-03-31`,
    password: sasFor(emulator, registrationId).replace('&skn=registration', ''),
    ca: emulator.caPem,
    servername: 'localhost',
    reconnectPeriod: 0,
    connectTimeout: 5000,
    ...extra,
  });
  const messages: string[] = [];
  client.on('message', (topic) => messages.push(topic));
  return new Promise((resolve, reject) => {
    client.once('connect', (connack) => resolve({ client, sessionPresent: connack.sessionPresent, messages }));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
  });
}

/** Registers, polls, and drops the connection the moment the answer arrives, before acknowledging it (QoS 1). */
async function pollAndDrop(emulator: RunningEmulator, registrationId: string): Promise<void> {
  emulator.plan(registrationId, { pollsBeforeDone: 5, retryAfterSeconds: 0 });
  const first = await connectKept(emulator, registrationId);
  await first.client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
  const answer = await request(first.client, REGISTER_TOPIC, JSON.stringify({ registrationId }), '1');
  const dropped = new Promise<void>((resolve) => {
    first.client.on('packetreceive', (packet) => {
      if (packet.cmd !== 'publish') return;
      first.client.stream.destroy();
      resolve();
    });
  });
  first.client.publish(`${pollTopic(String(answer.json['operationId']))}&$rid=2`, '', { qos: 1 });
  await dropped;
  first.client.end(true);
  await new Promise((r) => setTimeout(r, 300));
}

describe('emulator fidelity to DPS (sessions, protocol level, Retry-After, re-registration)', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('treats CleanSession 0 as clean: the next connection gets sessionPresent 0 and nothing it did not ask for', async () => {
    await pollAndDrop(emulator, 'clean-1');
    const second = await connectKept(emulator, 'clean-1');
    try {
      assert.equal(second.sessionPresent, false);
      await new Promise((r) => setTimeout(r, 400));
      assert.deepEqual(second.messages, []);
    } finally {
      second.client.end(true);
    }
    const entries = emulator.transcript.forRegistration('clean-1');
    assert.equal(entries.filter((e) => e.kind === 'subscribe').length, 1, 'only the subscription the device sent');
    assert.ok(!entries.some((e) => e.kind === 'replay' || e.kind === 'restored-subscription'));
    const connects = entries.filter((e) => e.kind === 'connect');
    assert.equal(connects.length, 2);
    assert.equal((connects[0]!.request.wire as { cleanSession?: boolean }).cleanSession, false, 'the flag as the device sent it is kept');
  });

  it('keeps sessions only when asked, and records what it replays on the device\'s behalf', async () => {
    const keeping = await startEmulator({ retryAfterSeconds: 0, persistentMqttSessions: true });
    try {
      await pollAndDrop(keeping, 'kept-1');
      const second = await connectKept(keeping, 'kept-1');
      await new Promise((r) => setTimeout(r, 400));
      second.client.end(true);
      assert.equal(second.sessionPresent, true);
      const entries = keeping.transcript.forRegistration('kept-1');
      assert.equal(entries.filter((e) => e.kind === 'restored-subscription').length, 1);
      const replays = entries.filter((e) => e.kind === 'replay');
      assert.equal(replays.length, 1, JSON.stringify(entries.map((e) => e.kind)));
      assert.match(replays[0]!.response?.topic ?? '', /^\$dps\/registrations\/res\/202\/\?\$rid=2/);
      assert.deepEqual(second.messages.length, 1);
    } finally {
      await keeping.close();
    }
  });

  it('refuses MQTT 3.1 with CONNACK 1 (recorded), and accepts it as an option', async () => {
    await assert.rejects(connectKept(emulator, 'level-3', { protocolVersion: 3, protocolId: 'MQIsdp' }), /protocol version|Unacceptable/i);
    const refused = emulator.transcript.forRegistration('level-3');
    assert.equal(refused[0]?.notes?.unexpected?.reason, 'unsupported-protocol-version');
    const lenient = await startEmulator({ acceptMqtt31: true });
    try {
      const connected = await connectKept(lenient, 'level-3', { protocolVersion: 3, protocolId: 'MQIsdp' });
      connected.client.end(true);
      assert.equal((lenient.transcript.forRegistration('level-3')[0]?.request.wire as { protocolLevel?: number }).protocolLevel, 3);
    } finally {
      await lenient.close();
    }
  });

  it('notes a poll that comes before the Retry-After, and answers it (no rate limit by default)', async () => {
    emulator.plan('early-1', { retryAfterSeconds: 2, pollsBeforeDone: 1 });
    const first = await register(emulator, 'early-1');
    const answer = await poll(emulator, 'early-1', String(first.json['operationId']));
    assert.equal(answer.status, 202);
    const polls = emulator.transcript.forRegistration('early-1').filter((e) => e.kind === 'poll');
    assert.match(polls[0]?.notes?.notes?.join(' ') ?? '', /poll too soon: \d+ ms after the device's previous request \(Retry-After 2 s\): \d+ ms early \(more than 1000 ms allowed\)/);
  });

  it('with the poll-rate limit, answers the 6th poll within 10 s with 429 and a Retry-After', async () => {
    const limited = await startEmulator({ retryAfterSeconds: 0, pollRateLimit: true });
    try {
      limited.plan('rate-1', { pollsBeforeDone: 100 });
      const first = await register(limited, 'rate-1');
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 6; i += 1) {
        const answer = await poll(limited, 'rate-1', String(first.json['operationId']));
        statuses.push(answer.status);
        if (answer.status === 429) retryAfter = String(answer.headers['retry-after']);
      }
      assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);
      assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 10, `Retry-After ${retryAfter}`);
    } finally {
      await limited.close();
    }
  });

  it('answers a re-registration as a re-provisioning: fresh createdDateTimeUtc, substatus deviceDataMigrated', async () => {
    const states: Record<string, unknown>[] = [];
    for (let i = 0; i < 2; i += 1) {
      const first = await register(emulator, 'again-1');
      await new Promise((r) => setTimeout(r, 20));
      const done = await poll(emulator, 'again-1', String(first.json['operationId']));
      const state = done.json['registrationState'];
      states.push(typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {});
    }
    assert.equal(states[0]!['substatus'], 'initialAssignment');
    assert.equal(states[1]!['substatus'], 'deviceDataMigrated');
    assert.notEqual(states[1]!['createdDateTimeUtc'], states[0]!['createdDateTimeUtc']);
  });

  it('names the host devices should verify: localhost on 127.0.0.1, or the server name given', async () => {
    assert.equal(emulator.serverName, 'localhost');
    const named = await startEmulator({ serverName: 'dps.example.test' });
    try {
      assert.equal(named.serverName, 'dps.example.test');
      const { X509Certificate } = await import('node:crypto');
      const { connect: tlsConnect } = await import('node:tls');
      const socket = tlsConnect({ host: '127.0.0.1', port: named.mqttPort, servername: 'dps.example.test', ca: named.caPem });
      const cert = await new Promise<string>((resolve, reject) => {
        socket.once('secureConnect', () => resolve(new X509Certificate(socket.getPeerX509Certificate()?.raw ?? Buffer.alloc(0)).subjectAltName ?? ''));
        socket.once('error', reject);
      });
      socket.destroy();
      assert.match(cert, /DNS:dps\.example\.test/);
    } finally {
      await named.close();
    }
  });
});
