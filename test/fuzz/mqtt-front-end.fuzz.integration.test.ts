import assert from 'node:assert/strict';
import { connect, type TLSSocket } from 'node:tls';
import fc from 'fast-check';
import type { MqttClient } from 'mqtt';
import { MAX_MESSAGE_BYTES, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { connectDevice, pollTopic, REGISTER_TOPIC, request } from '../emulator/helpers/mqtt-device.js';
import { sasFor } from '../emulator/helpers/device.js';
import { rawTls } from './raw-tls.js';
import { assertDpsErrorBody } from './dps-error-shape.js';
import { remainingLength } from '../helpers/mqtt-remaining-length.js';

const RUNS = { seed: 42, numRuns: 40 } as const;

/** Register, then poll until the answer is not 202; every answer in order. */
async function registerOverMqtt(client: MqttClient, body: string): Promise<{ answers: Array<Awaited<ReturnType<typeof request>>> }> {
  await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
  const first = await request(client, REGISTER_TOPIC, body, '1');
  const answers = [first];
  for (let i = 2; i < 20 && answers[answers.length - 1]?.status === 202; i += 1) {
    answers.push(await request(client, pollTopic(String(first.json['operationId'])), ' ', String(i)));
  }
  return { answers };
}

/** Resolves when the client's connection closes; rejects if it is still open after `ms`. */
function closedWithin(client: MqttClient, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: the emulator did not close the connection within ${ms} ms`)), ms);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Sends raw bytes on the MQTT/TLS port; resolves with what came back once the emulator closed, or with
 * `open: true` when the connection is still open after `ms` (an incomplete packet: aedes waits for the
 * rest until its 30 s connect timeout, as for a silent client).
 */
function rawMqtt(emulator: RunningEmulator, bytes: Buffer, ms = 1_500): Promise<{ reply: Buffer; open: boolean }> {
  return rawTls(emulator.mqttPort, emulator.caPem, bytes, ms);
}

/** An MQTT 3.1.1 CONNECT packet (clean session, username and password). */
function connectPacket(clientId: string, username: string, password: string): Buffer {
  const str = (s: string): Buffer => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const variable = Buffer.concat([str('MQTT'), Buffer.from([4, 0xc2, 0, 60])]);
  const payload = Buffer.concat([str(clientId), str(username), str(password)]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(variable.length + payload.length), variable, payload]);
}

/**
 * Property-based robustness of the emulator's MQTT front end: topics outside the documented set,
 * oversized packets, bad credentials, garbage bytes and silent clients end in a DPS error on the topic,
 * a refused CONNACK or a clean disconnect; the emulator keeps serving, and a valid registration succeeds.
 */
describe('fuzz: emulator MQTT front end', function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ httpsPort: 0, mqttPort: 0, retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('publishes outside the documented topics end in a disconnect', async () => {
    const topic = fc
      .string({ minLength: 1, maxLength: 80 })
      .filter((t) => !/[+#]/.test(t) && !t.includes('\u0000') && !t.startsWith('$dps/registrations/PUT/iotdps-register/') && !t.startsWith('$dps/registrations/GET/iotdps-get-operationstatus/?'));
    await fc.assert(
      fc.asyncProperty(topic, fc.constantFrom<0 | 1>(0, 1), async (t, qos) => {
        const client = await connectDevice(emulator, 'fuzz-topic');
        const closed = closedWithin(client, 3_000, `PUBLISH ${JSON.stringify(t)}`);
        client.publish(t, '{}', { qos });
        await closed;
        client.end(true);
      }),
      RUNS,
    );
  });

  it('subscriptions outside $dps/registrations/res/ are refused or end in a disconnect', async () => {
    const topic = fc.string({ minLength: 1, maxLength: 60 }).filter((t) => !t.startsWith('$dps/registrations/res/') && !t.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(topic, async (t) => {
        const client = await connectDevice(emulator, 'fuzz-sub');
        const closed = closedWithin(client, 3_000, `SUBSCRIBE ${JSON.stringify(t)}`);
        const granted = await client.subscribeAsync(t, { qos: 1 }).then(
          (grants) => grants.map((g) => g.qos),
          () => 'closed',
        );
        if (granted !== 'closed') assert.deepEqual(granted, [128], `SUBSCRIBE ${JSON.stringify(t)} was granted`);
        client.end(true);
        await closed.catch(() => undefined);
      }),
      { ...RUNS, numRuns: 20 },
    );
  });

  it('register bodies that are not JSON or of the wrong shape get a DPS error on res/400', async () => {
    const client = await connectDevice(emulator, 'fuzz-mqtt-body');
    try {
      await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
      const body = fc.oneof(
        fc.string({ minLength: 1, maxLength: 100 }).filter((s) => s.trim() !== ''),
        fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
      );
      let rid = 0;
      await fc.assert(
        fc.asyncProperty(body, async (text) => {
          rid += 1;
          const answer = await request(client, REGISTER_TOPIC, text, `f${rid}`).catch((error: Error) => ({ status: -1, json: { error: error.message } }));
          if (answer.status === 202) return;
          assertDpsErrorBody(answer.status, answer.json, `MQTT body ${JSON.stringify(text)}`);
          assert.equal(answer.status, 400);
        }),
        RUNS,
      );
    } finally {
      client.end(true);
    }
  });

  it('a register body over 96 KB gets res/413; a packet past the packet limit is cut off', async () => {
    const client = await connectDevice(emulator, 'fuzz-mqtt-big');
    try {
      await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
      const answer = await request(client, REGISTER_TOPIC, 'x'.repeat(MAX_MESSAGE_BYTES + 100), 'big');
      assertDpsErrorBody(answer.status, answer.json, 'MQTT body of 96 KB + 100');
      assert.equal(answer.json['errorCode'], 413001);
      const closed = closedWithin(client, 3_000, 'a 1 MB PUBLISH');
      client.publish(REGISTER_TOPIC, Buffer.alloc(1024 * 1024, 0x41), { qos: 0 });
      await closed;
    } finally {
      client.end(true);
    }
    // a packet that only announces 200 MB: the emulator must not wait for (or allocate) it
    const valid = connectPacket('fuzz-raw', `${emulator.idScope}/registrations/fuzz-raw/api-version=2019-03-31`, sasFor(emulator, 'fuzz-raw'));
    const oversized = await rawMqtt(emulator, Buffer.concat([valid, Buffer.from([0x30]), remainingLength(200 * 1024 * 1024), Buffer.from('xx')]), 3_000);
    assert.equal(oversized.open, false, 'a packet announcing 200 MB must end the connection at once');
  });

  it('CONNECT with bad usernames or SAS tokens is refused with CONNACK 5', async () => {
    const username = fc.oneof(fc.string({ maxLength: 80 }), fc.constant(`${emulator.idScope}/registrations/fuzz-cred/api-version=2019-03-31`));
    const password = fc.oneof(fc.string({ maxLength: 120 }), fc.integer({ min: 0, max: Math.floor(Date.now() / 1000) }).map((expiry) => sasFor(emulator, 'fuzz-cred', { expiry })));
    await fc.assert(
      fc.asyncProperty(username, password, async (user, pass) => {
        const { reply, open } = await rawMqtt(emulator, connectPacket('fuzz-cred', user, pass), 3_000);
        assert.equal(open, false, `CONNECT ${JSON.stringify(user)} left the connection open`);
        // CONNACK (0x20 0x02 flags code) with a refusal code, or a plain close for a username aedes rejects itself
        if (reply.length === 0) return;
        assert.equal(reply[0], 0x20, `reply ${reply.toString('hex')}`);
        assert.notEqual(reply[3], 0, `CONNECT ${JSON.stringify(user)} / ${JSON.stringify(pass)} was accepted`);
      }),
      RUNS,
    );
  });

  it('bytes that are not MQTT end in a clean disconnect (or, as an unfinished packet, wait like a silent client)', async () => {
    let waited = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), async (bytes) => {
        const { reply, open } = await rawMqtt(emulator, Buffer.from(bytes));
        // aedes may answer a CONNECT-looking packet with a refusing CONNACK before it closes
        if (reply.length > 0) assert.equal(reply[0], 0x20, reply.toString('hex'));
        if (open) waited += 1;
      }),
      RUNS,
    );
    // most garbage is refused at once; only an unfinished first packet is waited for
    assert.ok(waited < RUNS.numRuns / 2, `${waited} of ${RUNS.numRuns} garbage inputs left the connection open`);
  });

  it('silent clients (TLS but no CONNECT) do not stop a registration over MQTT', async () => {
    const silent: TLSSocket[] = await Promise.all(
      Array.from({ length: 20 }, () => new Promise<TLSSocket>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: emulator.mqttPort, servername: 'localhost', ca: emulator.caPem }, () => resolve(socket));
        socket.on('error', reject);
      })),
    );
    try {
      const client = await connectDevice(emulator, 'fuzz-mqtt-after-silent');
      try {
        const { answers } = await registerOverMqtt(client, JSON.stringify({ registrationId: 'fuzz-mqtt-after-silent' }));
        assert.equal(answers.at(-1)?.json['status'], 'assigned');
      } finally {
        await client.endAsync();
      }
    } finally {
      for (const socket of silent) socket.destroy();
    }
  });

  it('after all of it, a valid registration over MQTT still succeeds', async () => {
    const client = await connectDevice(emulator, 'fuzz-mqtt-survivor');
    try {
      const { answers } = await registerOverMqtt(client, JSON.stringify({ registrationId: 'fuzz-mqtt-survivor', payload: { a: [1, 2] } }));
      const last = answers.at(-1);
      assert.equal(last?.status, 200);
      assert.equal(last?.json['status'], 'assigned');
      assert.deepEqual((last?.json['registrationState'] as Record<string, unknown>)['payload'], { a: [1, 2] });
    } finally {
      await client.endAsync();
    }
  });
});
