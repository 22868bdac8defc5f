import assert from 'node:assert/strict';
import { connect, type TLSSocket } from 'node:tls';
import fc from 'fast-check';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { dataBody, openAmqp, registerOverAmqp } from '../emulator/helpers/amqp-device.js';
import { sasFor } from '../emulator/helpers/device.js';
import { rawTls } from './raw-tls.js';

const RUNS = { seed: 42, numRuns: 40 } as const;
/** AMQP protocol headers (OASIS AMQP 1.0 part 2.2): SASL layer (id 3) and plain AMQP (id 0) */
const SASL_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 3, 1, 0, 0]);
const AMQP_HEADER = Buffer.from([0x41, 0x4d, 0x51, 0x50, 0, 1, 0, 0]);

/** Sends raw bytes on the AMQP/TLS port; resolves with what came back once the emulator closed, or `open: true` after `ms`. */
function rawAmqp(emulator: RunningEmulator, bytes: Buffer, ms = 1_500): Promise<{ reply: Buffer; open: boolean }> {
  return rawTls(emulator.amqpPort, emulator.caPem, bytes, ms);
}

/** A SASL init frame (OASIS AMQP 1.0 part 5.3.3.2): mechanism symbol and initial response. */
function saslInit(mechanism: string, response: Buffer): Buffer {
  const mech = Buffer.from(mechanism, 'latin1');
  const fields = Buffer.concat([Buffer.from([0xa3, mech.length]), mech, Buffer.from([0xa0, response.length]), response]);
  const list = Buffer.concat([Buffer.from([0xc0, fields.length + 1, 2]), fields]);
  const body = Buffer.concat([Buffer.from([0x00, 0x53, 0x41]), list]);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.writeUInt8(2, 4); // data offset, in 4-byte words
  header.writeUInt8(1, 5); // frame type 1: SASL
  return Buffer.concat([header, body]);
}

function reasons(emulator: RunningEmulator): string[] {
  return emulator.transcript.entries().map((e) => e.notes?.unexpected?.reason ?? '').filter(Boolean);
}

/**
 * Property-based robustness of the emulator's AMQP front end (fixed seed): garbage bytes, frames that
 * announce more than the limit, other SASL mechanisms, bad credentials, arbitrary message properties
 * and bodies end in a refusal, a rejected delivery or a closed connection; the emulator keeps serving.
 */
describe('fuzz: emulator AMQP front end', function () {
  this.timeout(180_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('bytes that are not AMQP end the connection at once, recorded as malformed-amqp', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }).filter((b) => b[0] !== 0x41), async (bytes) => {
        const { open } = await rawAmqp(emulator, Buffer.from(bytes));
        assert.equal(open, false, `${Buffer.from(bytes).toString('hex').slice(0, 40)} left the connection open`);
      }),
      RUNS,
    );
    assert.ok(reasons(emulator).includes('malformed-amqp'));
  });

  it('garbage after the SASL header is refused; no input leaves most connections open', async () => {
    let waited = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        const { open } = await rawAmqp(emulator, Buffer.concat([SASL_HEADER, Buffer.from(bytes)]), 600);
        if (open) waited += 1;
      }),
      RUNS,
    );
    // an unfinished frame is waited for (until the 30 s handshake limit), as for a silent client
    assert.ok(waited < RUNS.numRuns / 2, `${waited} of ${RUNS.numRuns} inputs left the connection open`);
  });

  it('a frame announcing 200 MB, or a device skipping SASL, ends the connection at once', async () => {
    const huge = Buffer.alloc(8);
    huge.writeUInt32BE(200 * 1024 * 1024, 0);
    assert.equal((await rawAmqp(emulator, Buffer.concat([SASL_HEADER, huge]), 3_000)).open, false);
    assert.ok(reasons(emulator).includes('packet-too-large'));
    const noSasl = await rawAmqp(emulator, AMQP_HEADER, 3_000);
    assert.equal(noSasl.open, false, 'a device without SASL was kept');
  });

  it('SASL mechanisms other than PLAIN are refused and recorded', async () => {
    for (const mechanism of ['ANONYMOUS', 'EXTERNAL', 'XOAUTH2', 'plain']) {
      const { reply, open } = await rawAmqp(emulator, Buffer.concat([SASL_HEADER, saslInit(mechanism, Buffer.from('fuzz'))]), 3_000);
      assert.equal(open, false, `SASL ${mechanism} left the connection open`);
      // the SASL outcome (descriptor 0x44) with code 1 (auth failed)
      assert.ok(reply.includes(Buffer.from([0x00, 0x53, 0x44])), `no SASL outcome for ${mechanism}: ${reply.toString('hex')}`);
    }
    assert.ok(reasons(emulator).filter((r) => r === 'unsupported-sasl-mechanism').length >= 3);
  });

  it('bad user names and SAS tokens are refused at SASL', async () => {
    const username = fc.oneof(fc.string({ maxLength: 80 }), fc.constant(`${emulator.idScope}/registrations/fuzz-cred`));
    const password = fc.oneof(fc.string({ minLength: 1, maxLength: 120 }), fc.integer({ min: 0, max: Math.floor(Date.now() / 1000) }).map((expiry) => sasFor(emulator, 'fuzz-cred', { expiry })));
    await fc.assert(
      fc.asyncProperty(username, password, async (user, pass) => {
        const opened = await openAmqp(emulator, 'fuzz-cred', { username: user, password: pass, ms: 3_000 });
        if (!('refused' in opened)) {
          await opened.close();
          assert.fail(`SASL ${JSON.stringify(user)} / ${JSON.stringify(pass)} was accepted`);
        }
      }),
      { ...RUNS, numRuns: 25 },
    );
  });

  it('arbitrary operation types, operation IDs and bodies get a rejection or an answer, never silence', async () => {
    const opened = await openAmqp(emulator, 'fuzz-amqp-msg');
    assert.ok(!('refused' in opened));
    try {
      const operationType = fc.oneof(fc.constantFrom('iotdps-register', 'iotdps-get-operationstatus'), fc.string({ maxLength: 40 }), fc.integer());
      const body = fc.oneof(fc.string({ maxLength: 200 }).map(dataBody), fc.string({ maxLength: 50 }), fc.jsonValue().map((v) => dataBody(JSON.stringify(v) ?? 'null')), fc.constant(undefined), fc.integer());
      await fc.assert(
        fc.asyncProperty(operationType, fc.option(fc.string({ maxLength: 60 })), body, async (type, operationId, payload) => {
          const properties: Record<string, unknown> = { 'iotdps-operation-type': type };
          if (operationId !== null) properties['iotdps-operation-id'] = operationId;
          const answer = await opened.request(properties, payload, { ms: 3_000 });
          if (answer.kind === 'rejected') assert.ok(Number(answer.info['iotdps-status']) >= 400, JSON.stringify(answer));
          else assert.ok(answer.json['status'] === 'assigning', JSON.stringify(answer.json));
        }),
        RUNS,
      );
    } finally {
      await opened.close();
    }
  });

  it('silent clients (TLS but no AMQP) do not stop a registration, and a valid one still succeeds', async () => {
    const silent: TLSSocket[] = await Promise.all(
      Array.from({ length: 20 }, () => new Promise<TLSSocket>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: emulator.amqpPort, servername: 'localhost', ca: emulator.caPem }, () => resolve(socket));
        socket.on('error', reject);
      })),
    );
    try {
      const opened = await openAmqp(emulator, 'fuzz-amqp-survivor');
      assert.ok(!('refused' in opened));
      const answers = await registerOverAmqp(opened, JSON.stringify({ registrationId: 'fuzz-amqp-survivor', payload: { a: [1, 2] } }));
      const last = answers.at(-1);
      assert.ok(last?.kind === 'message');
      assert.equal(last.json['status'], 'assigned');
      assert.deepEqual((last.json['registrationState'] as Record<string, unknown>)['payload'], { a: [1, 2] });
      await opened.close();
    } finally {
      for (const socket of silent) socket.destroy();
    }
  });
});
