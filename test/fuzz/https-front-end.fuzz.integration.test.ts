import assert from 'node:assert/strict';
import { connect, type TLSSocket } from 'node:tls';
import fc from 'fast-check';
import { MAX_MESSAGE_BYTES, signSasToken, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { isValidRegistrationId } from '../../src/emulator/dps-limits.js';
import { API, registerPath, registerUntilDone, sasFor } from '../emulator/helpers/device.js';
import { httpsCall } from '../emulator/helpers/https-call.js';
import { assertDpsErrorBody, parsedOrText } from './dps-error-shape.js';

/** fast-check settings: fixed seed, so a failure is reproducible; `path` in a failure report replays it. */
const RUNS = { seed: 42, numRuns: 100 } as const;

/**
 * Property-based robustness of the emulator's HTTPS front end: every malformed, mistyped, oversized,
 * unauthorised or misrouted request gets the DPS-style error (status, errorCode, message) and the
 * emulator keeps serving; a valid registration succeeds afterwards.
 */
describe('fuzz: emulator HTTPS front end', function () {
  this.timeout(120_000);
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ httpsPort: 0, mqttPort: 0, retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  const put = (registrationId: string, body: string | Buffer, authorization?: string, path = registerPath(emulator, registrationId)) =>
    httpsCall(emulator, { method: 'PUT', path, body, headers: authorization === undefined ? {} : { authorization } });

  it('malformed JSON bodies: 400 400004', async () => {
    const notJson = fc.string({ unit: 'binary', maxLength: 200 }).filter((text) => {
      if (text.trim() === '') return false;
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    });
    await fc.assert(
      fc.asyncProperty(notJson, async (text) => {
        const answer = await put('fuzz-json', text, sasFor(emulator, 'fuzz-json'));
        assertDpsErrorBody(answer.status, answer.json, `body ${JSON.stringify(text)}`, answer.headers);
        assert.equal(answer.json['errorCode'], 400004, answer.text);
      }),
      RUNS,
    );
  });

  it('bodies of the wrong shape or with wrong types: 202 for what DPS accepts, else a 400 DPS error', async () => {
    const member = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ registrationId: member, payload: member, data: member, tpm: member }, { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const text = JSON.stringify(value) ?? 'null';
        const answer = await put('fuzz-types', text, sasFor(emulator, 'fuzz-types'));
        if (answer.status === 202) {
          assert.equal(answer.json['status'], 'assigning', answer.text);
          return;
        }
        assertDpsErrorBody(answer.status, answer.json, `body ${text}`, answer.headers);
        assert.equal(answer.status, 400, answer.text);
      }),
      RUNS,
    );
  });

  it('bodies over the 96 KB limit: 413 413001, never buffered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: MAX_MESSAGE_BYTES + 1, max: MAX_MESSAGE_BYTES * 3 }), fc.constantFrom('x', '{', '\u00e9'), async (size, fill) => {
        const body = Buffer.alloc(size, fill);
        const answer = await put('fuzz-big', body, sasFor(emulator, 'fuzz-big'));
        assertDpsErrorBody(answer.status, answer.json, `${size} bytes`, answer.headers);
        assert.equal(answer.json['errorCode'], 413001);
      }),
      { ...RUNS, numRuns: 15 },
    );
  });

  it('invalid registration IDs (docs/protocol/identifiers.md): a 404 DPS error', async () => {
    const invalid = fc.oneof(fc.string({ maxLength: 140 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.stringMatching(/^[A-Za-z0-9._:-]{129,140}$/)).filter((id) => !isValidRegistrationId(id));
    await fc.assert(
      fc.asyncProperty(invalid, async (registrationId) => {
        const encoded = encodeURIComponent(registrationId);
        const answer = await put(registrationId, '{}', sasFor(emulator, 'fuzz-id'), `/${emulator.idScope}/registrations/${encoded}/register?${API}`);
        assertDpsErrorBody(answer.status, answer.json, `registration ID ${JSON.stringify(registrationId)}`, answer.headers);
        assert.equal(answer.status, 404, answer.text);
      }),
      RUNS,
    );
  });

  it('bad, expired and foreign SAS tokens: 401 401002', async () => {
    const now = Math.floor(Date.now() / 1000);
    const otherKey = Buffer.alloc(32, 7).toString('base64');
    const token = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ maxLength: 60 }).map((rest) => `SharedAccessSignature ${rest}`),
      fc.integer({ min: 0, max: now }).map((expiry) => sasFor(emulator, 'fuzz-sas', { expiry })),
      fc.constantFrom('upper', 'lower', 'raw').map((encoding) => signSasToken({ idScope: emulator.idScope, registrationId: 'fuzz-sas', key: otherKey, expiry: now + 600, encoding })),
      fc.stringMatching(/^[a-z0-9-]{1,20}$/).filter((id) => id !== 'fuzz-sas').map((other) => sasFor(emulator, other)),
      fc.stringMatching(/^0ne[0-9A-F]{8}$/).map((scope) => signSasToken({ idScope: scope, registrationId: 'fuzz-sas', key: emulator.deriveDeviceKey('fuzz-sas'), expiry: now + 600 })).filter((t) => !t.includes(emulator.idScope)),
      // a token without skn is accepted (as DPS does); a wrong skn is not
      fc.constantFrom('owner', 'REGISTRATION').map((keyName) => signSasToken({ idScope: emulator.idScope, registrationId: 'fuzz-sas', key: emulator.deriveDeviceKey('fuzz-sas'), expiry: now + 600, keyName })),
    );
    await fc.assert(
      fc.asyncProperty(token, async (authorization) => {
        const answer = await put('fuzz-sas', '{}', /^[\t\x20-\x7e]*$/.test(authorization) ? authorization : encodeURIComponent(authorization));
        assertDpsErrorBody(answer.status, answer.json, `token ${JSON.stringify(authorization)}`, answer.headers);
        assert.equal(answer.json['errorCode'], 401002, answer.text);
      }),
      RUNS,
    );
  });

  it('unknown paths and methods: 404 or 405 DPS errors', async () => {
    const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'TRACE');
    const segment = fc.oneof(fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/), fc.constantFrom('registrations', 'register', 'operations', '..', '%2e%2e', '%00', '$iothub'));
    const path = fc.array(segment, { minLength: 0, maxLength: 6 }).map((parts) => `/${parts.join('/')}?${API}`);
    await fc.assert(
      fc.asyncProperty(method, path, async (verb, target) => {
        const answer = await httpsCall(emulator, { method: verb, path: target, body: '{}' });
        // a path that happens to be a device route gets that route's error (401: no SAS, 404: unknown scope)
        assertDpsErrorBody(answer.status, parsedOrText(answer.text), `${verb} ${target}`, answer.headers);
        assert.ok([401, 404, 405].includes(answer.status), `${verb} ${target}: ${answer.status} ${answer.text}`);
      }),
      RUNS,
    );
  });

  it('a missing or empty api-version: 400 400001', async () => {
    const query = fc.constantFrom('', '?', '?api-version', '?api-version=', '?api-version=%20', '?API-VERSION=2019-03-31', '?apiversion=2019-03-31');
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const answer = await put('fuzz-api', '{}', sasFor(emulator, 'fuzz-api'), `/${emulator.idScope}/registrations/fuzz-api/register${q}`);
        assertDpsErrorBody(answer.status, answer.json, `query ${q}`, answer.headers);
        assert.equal(answer.json['errorCode'], 400001);
      }),
      { ...RUNS, numRuns: 20 },
    );
  });

  it('bytes that are not HTTP: a bare DPS 400 or a clean close, never a hang', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 512 }), async (bytes) => {
        const text = await rawExchange(emulator, Buffer.from(bytes));
        if (text === '') return;
        assert.match(text, /^HTTP\/1\.1 (400|404|405|413|415|401) /, JSON.stringify(text.slice(0, 200)));
        assertDpsErrorBody(Number(text.slice(9, 12)), parsedOrText(text.slice(text.indexOf('\r\n\r\n') + 4)), JSON.stringify(text.slice(0, 60)));
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('clients that connect and go silent do not stop others from registering', async () => {
    const silent = await Promise.all(Array.from({ length: 20 }, () => openSilent(emulator)));
    try {
      const answers = await registerUntilDone(emulator, 'fuzz-after-silent', { registrationId: 'fuzz-after-silent', payload: { a: 1 } });
      assert.equal(answers.at(-1)?.json['status'], 'assigned');
    } finally {
      for (const socket of silent) socket.destroy();
    }
  });

  it('after all of it, a valid registration still succeeds', async () => {
    const answers = await registerUntilDone(emulator, 'fuzz-survivor', { registrationId: 'fuzz-survivor', payload: { modelId: 'dtmi:com:example:Thermostat;1' } });
    const last = answers.at(-1);
    assert.equal(last?.status, 200, last?.text);
    assert.equal(last?.json['status'], 'assigned');
    assert.deepEqual((last?.json['registrationState'] as Record<string, unknown>)['payload'], { modelId: 'dtmi:com:example:Thermostat;1' });
  });
});

/** Sends raw bytes over TLS and returns whatever comes back before the emulator closes (or 2 s pass). */
function rawExchange(emulator: RunningEmulator, bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: emulator.httpsPort, servername: 'localhost', ca: emulator.caPem }, () => socket.end(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer and no close within 2 s for ${bytes.toString('hex').slice(0, 80)}`));
    }, 2_000);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}

/** A TLS connection that completes the handshake and then sends nothing. */
function openSilent(emulator: RunningEmulator): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: emulator.httpsPort, servername: 'localhost', ca: emulator.caPem }, () => resolve(socket));
    socket.on('error', reject);
  });
}
