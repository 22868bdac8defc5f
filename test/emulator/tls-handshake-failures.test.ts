import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { unattributedLines } from '../../src/cli/commands/emulate/support/unattributed-lines.js';
import { describeHandshakeFailure } from '../../src/emulator/tls/handshake-failure.js';

/** A TLS client that trusts the system's roots only, as a device not given the emulator's CA: its handshake fails. */
function untrustingClient(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost' });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: Error) => resolve(error.message));
  });
}

/** Plain text to a TLS port: not a handshake at all. */
function plainClient(port: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port }, () => socket.write('GET / HTTP/1.1\r\nhost: localhost\r\n\r\n'));
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
  });
}

async function unattributedAfter(emulator: RunningEmulator, count: number): Promise<ReturnType<RunningEmulator['observations']>['unattributed']> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = emulator.observations().unattributed.filter((u) => u.reason === 'tls-handshake-failed');
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// A device that never gets through TLS names no registration; without a record of its handshake the
// report would not show it was there (the real Azure IoT C SDK and the Embedded C SDK's Paho sample,
// not given the emulator's CA, left no trace at all).
describe('emulator: failed TLS handshakes are recorded, with what to check', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('a device that does not trust the emulator CA, on each listener: one unattributed entry naming the port and the CA', async () => {
    const before = (await unattributedAfter(emulator, 0)).length;
    const results = [await untrustingClient(emulator.httpsPort), await untrustingClient(emulator.mqttPort), await untrustingClient(emulator.amqpPort)];
    assert.ok(results.every((r) => r !== 'connected'), `a client without the CA got through: ${results.join('; ')}`);
    const failed = (await unattributedAfter(emulator, before + 3)).slice(before);
    assert.deepEqual(failed.map((f) => f.frontEnd).sort(), ['amqp', 'https', 'mqtt']);
    for (const entry of failed) {
      assert.match(entry.detail, /^TLS handshake on the (HTTPS|MQTT|AMQP) port/);
      assert.match(entry.detail, /emulator-ca\.pem/, entry.detail);
      assert.equal(entry.decision, 'the connection ended in the TLS handshake');
    }
    assert.match(failed.find((f) => f.frontEnd === 'https')?.detail ?? '', /HTTPS, MQTT and AMQP over WebSocket/);
  });

  it('plain text to a TLS port reads as a device that does not speak TLS', async () => {
    const before = (await unattributedAfter(emulator, 0)).length;
    await plainClient(emulator.mqttPort);
    const failed = (await unattributedAfter(emulator, before + 1)).slice(before);
    assert.equal(failed.length, 1);
    assert.match(failed[0]!.detail, /did not speak TLS/);
  });

  it('the stop says how many handshakes failed and why, apart from requests that named no registration', () => {
    const tls = (n: number, port: string): ReturnType<RunningEmulator['observations']>['unattributed'][number] => ({ seq: n, frontEnd: 'mqtt', reason: 'tls-handshake-failed', detail: `TLS handshake on ${port} failed: x`, decision: 'the connection ended in the TLS handshake' });
    const lines = unattributedLines([tls(1, 'the MQTT port'), tls(2, 'the MQTT port'), tls(3, 'the AMQP port'), { seq: 4, frontEnd: 'https', reason: 'unknown-route', detail: '/x', decision: 'answer 404 404000' }], 'out/emulator-observations.json');
    assert.deepEqual(lines, [
      '3 TLS handshake(s) failed before any registration was named ("unattributed" in out/emulator-observations.json):',
      '  TLS handshake on the MQTT port failed: x',
      '  TLS handshake on the AMQP port failed: x',
      '1 request(s) named no registration (a malformed user name, an unknown path, ...): "unattributed" in out/emulator-observations.json',
    ]);
    assert.deepEqual(unattributedLines([], 'x'), []);
  });
});

describe('describeHandshakeFailure', () => {
  it("names OpenSSL's short reason for an alert the device sent, and what to check", () => {
    const alert = Object.assign(new Error('80DCEFB7C47F0000:error:0A000418:SSL routines:ssl3_read_bytes:tlsv1 alert unknown ca:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 48'), {
      code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
      reason: 'tlsv1 alert unknown ca',
    });
    assert.equal(
      describeHandshakeFailure('mqtt', alert),
      "TLS handshake on the MQTT port failed: tlsv1 alert unknown ca (the device refused the emulator's certificate: does it trust emulator-ca.pem, and does it dial a name the certificate carries: localhost, the --host address or the --server-name?)",
    );
  });

  it('says what it can of a timeout and of other failures', () => {
    assert.match(describeHandshakeFailure('amqp', Object.assign(new Error('TLS handshake timeout'), { code: 'ERR_TLS_HANDSHAKE_TIMEOUT' })), /AMQP port failed: TLS handshake timeout \(the device did not finish the handshake in time\)$/);
    assert.equal(describeHandshakeFailure('https', new Error('something else')), 'TLS handshake on the HTTPS port (HTTPS, MQTT and AMQP over WebSocket) failed: something else');
  });
});
