import assert from 'node:assert/strict';
import { connect } from 'node:tls';
import { MAX_MESSAGE_BYTES, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { API, register, registerPath, sasFor } from './helpers/device.js';
import { httpsCall, type HttpsAnswer } from './helpers/https-call.js';

function assertDpsError(answer: HttpsAnswer, status: number, errorCode: number): void {
  assert.equal(answer.status, status, answer.text);
  assert.equal(answer.json['errorCode'], errorCode);
  assert.equal(answer.headers['x-ms-error-code'], String(errorCode));
  assert.equal(typeof answer.json['trackingId'], 'string');
  assert.equal(typeof answer.json['message'], 'string');
  assert.match(String(answer.json['timestampUtc']), /\.\d{7}Z$/);
}

describe('emulator request-level errors over HTTPS', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('401 401002 for a bad, expired, foreign or missing SAS', async () => {
    const badKey = sasFor(emulator, 'err-auth', { key: Buffer.alloc(32, 9).toString('base64') });
    assertDpsError(await register(emulator, 'err-auth', undefined, badKey), 401, 401002);
    const expired = sasFor(emulator, 'err-auth', { expiry: Math.floor(Date.now() / 1000) - 10 });
    assertDpsError(await register(emulator, 'err-auth', undefined, expired), 401, 401002);
    const foreign = sasFor(emulator, 'other-device');
    assertDpsError(await register(emulator, 'err-auth', undefined, foreign), 401, 401002);
    const none = await httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, 'err-auth'), body: '{}' });
    assertDpsError(none, 401, 401002);
    const reasons = emulator.observations().registrations.find((r) => r.registrationId === 'err-auth')?.authFailures.map((f) => f.reason);
    assert.deepEqual(reasons, ['signature does not match', 'token expired', 'sr does not name this registration', 'no SAS token']);
  });

  it('accepts SAS tokens with %2F, %2f and a raw resource (Node SDK)', async () => {
    for (const encoding of ['upper', 'lower', 'raw'] as const) {
      assert.equal((await register(emulator, `enc-${encoding}`, undefined, sasFor(emulator, `enc-${encoding}`, { encoding }))).status, 202);
    }
  });

  it('404 with a DPS body for an unknown path', async () => {
    assertDpsError(await httpsCall(emulator, { method: 'GET', path: '/nothing/here' }), 404, 404001);
  });

  it('404 for an unknown ID scope and for an invalid registration ID', async () => {
    const sas = sasFor(emulator, 'x');
    assertDpsError(await httpsCall(emulator, { method: 'PUT', path: `/0ne00000000/registrations/x/register?${API}`, body: '{}', headers: { authorization: sas } }), 404, 404002);
    assertDpsError(await httpsCall(emulator, { method: 'PUT', path: `/${emulator.idScope}/registrations/-bad!/register?${API}`, body: '{}', headers: { authorization: sas } }), 404, 404003);
  });

  it('404 for an unknown operation id', async () => {
    const answer = await httpsCall(emulator, { method: 'GET', path: `/${emulator.idScope}/registrations/err-op/operations/1.0000000000000000.nope?${API}`, headers: { authorization: sasFor(emulator, 'err-op') } });
    assertDpsError(answer, 404, 404004);
  });

  it('405 for a known path with the wrong method', async () => {
    assertDpsError(await httpsCall(emulator, { method: 'DELETE', path: registerPath(emulator, 'err-405') }), 405, 405001);
  });

  it('400 when api-version is missing or empty', async () => {
    const headers = { authorization: sasFor(emulator, 'err-api') };
    assertDpsError(await httpsCall(emulator, { method: 'PUT', path: `/${emulator.idScope}/registrations/err-api/register`, body: '{}', headers }), 400, 400001);
    assertDpsError(await httpsCall(emulator, { method: 'PUT', path: `/${emulator.idScope}/registrations/err-api/register?api-version=`, body: '{}', headers }), 400, 400001);
  });

  it('400 for JSON that does not parse, a non-object body, a string payload and a mismatched registrationId', async () => {
    const headers = { authorization: sasFor(emulator, 'err-body') };
    const put = (body: string): Promise<HttpsAnswer> => httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, 'err-body'), body, headers });
    assertDpsError(await put('{"registrationId":'), 400, 400004);
    assertDpsError(await put('[1,2]'), 400, 400012);
    assertDpsError(await put('{"registrationId":"err-body","payload":"text"}'), 400, 400012);
    assertDpsError(await put('{"registrationId":"someone-else"}'), 400, 400013);
  });

  it('415 for a body that is not JSON by content type', async () => {
    const answer = await httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, 'err-415'), body: 'registrationId=x', headers: { authorization: sasFor(emulator, 'err-415'), 'content-type': 'application/x-www-form-urlencoded' } });
    assertDpsError(answer, 415, 415001);
  });

  it('413 for a body over 96 KB, and exactly 96 KB is still read', async () => {
    const headers = { authorization: sasFor(emulator, 'err-big') };
    const padding = (size: number): string => {
      const shell = '{"registrationId":"err-big","payload":{"p":""}}';
      return shell.replace('"p":""', `"p":"${'x'.repeat(size - shell.length)}"`);
    };
    const atLimit = await httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, 'err-big'), body: padding(MAX_MESSAGE_BYTES), headers });
    assert.equal(atLimit.status, 202);
    assertDpsError(await httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, 'err-big'), body: padding(MAX_MESSAGE_BYTES + 1), headers }), 413, 413001);
  });

  it('never crashes on garbage, and keeps answering', async () => {
    for (const garbage of [Buffer.from('NOT HTTP AT ALL\r\n\r\n'), Buffer.from([0, 1, 2, 3, 255, 254]), Buffer.from('PUT / HTTP/1.1\r\nContent-Length: -5\r\n\r\n')]) {
      await new Promise<void>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: emulator.httpsPort, servername: 'localhost', ca: emulator.caPem }, () => socket.end(garbage));
        socket.on('data', () => undefined);
        socket.on('error', () => resolve());
        socket.on('close', () => resolve());
      });
    }
    // a client that never finishes the TLS handshake
    await new Promise<void>((resolve) => {
      const raw = connect({ host: '127.0.0.1', port: emulator.mqttPort, rejectUnauthorized: false, minVersion: 'TLSv1.2' }, () => raw.end(Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x7f])));
      raw.on('error', () => resolve());
      raw.on('close', () => resolve());
    });
    assert.equal((await register(emulator, 'after-garbage')).status, 202);
    const unexpected = emulator.observations().unattributed.map((u) => u.reason);
    assert.ok(unexpected.includes('malformed-http'), JSON.stringify(unexpected));
  });
});
