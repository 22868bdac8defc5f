import assert from 'node:assert/strict';
import { decodeDeviceText } from '../../src/emulator/core/decode-device-text.js';
import { NOT_UTF8, startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { gradeObserved } from '../../suites/emulate-grading/grade-observed.js';
import { registerPath, sasFor } from './helpers/device.js';
import { httpsCall } from './helpers/https-call.js';
import { connectDevice, REGISTER_TOPIC, request } from './helpers/mqtt-device.js';

/** `{"registrationId":ID,"payload":{"name":"café"}}` with the é written in Latin-1 (one byte, 0xE9): not UTF-8. */
function latin1Body(registrationId: string): Buffer {
  return Buffer.from(`{"registrationId":"${registrationId}","payload":{"name":"café"}}`, 'latin1');
}

/** device.data.sent as `emulate` grades what the emulator saw (the device suite runs the same check). */
function dataSent(emulator: RunningEmulator, caseId: string): { outcome: string; message: string; mismatch?: string } | undefined {
  const results = gradeObserved({ idScope: emulator.idScope, defaultDialect: 'ga', entries: emulator.transcript.entries(), redactor: new SecretRedactor() });
  return results.find((r) => r.checkId === 'device.data.sent' && r.caseId === caseId);
}

describe('decodeDeviceText', () => {
  it('reads UTF-8 as it is, a real U+FFFD included', () => {
    assert.deepEqual(decodeDeviceText(Buffer.from('{"a":"é\uFFFD€"}', 'utf8')), { text: '{"a":"é\uFFFD€"}' });
  });

  it('names the first bad sequence and its byte offset, after a real U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('{"a":"\uFFFDé', 'utf8'), Buffer.from([0xc3, 0x28, 0x22, 0x7d])]);
    const decoded = decodeDeviceText(bytes);
    assert.equal(decoded.text, '{"a":"\uFFFDé\uFFFD("}');
    assert.equal(decoded.notUtf8, `${NOT_UTF8}: bytes 0xC3 0x28 0x22 0x7D at offset 11 (RFC 8259 section 8.1: JSON text exchanged between systems MUST be encoded using UTF-8)`);
  });

  it('catches a truncated sequence at the end and a lone continuation byte', () => {
    assert.match(decodeDeviceText(Buffer.from([0x7b, 0x7d, 0xe2, 0x82])).notUtf8 ?? '', /bytes 0xE2 0x82 at offset 2/);
    assert.match(decodeDeviceText(Buffer.from([0x80])).notUtf8 ?? '', /bytes 0x80 at offset 0/);
  });
});

describe('emulator: a register body that is not UTF-8', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('HTTPS: refused as a body that is not JSON (400004), recorded with the offending bytes', async () => {
    const id = 'latin1-https';
    const answer = await httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, id), body: latin1Body(id), headers: { authorization: sasFor(emulator, id) } });
    assert.equal(answer.status, 400, answer.text);
    assert.equal(answer.json['errorCode'], 400004);
    const unexpected = emulator.observations().registrations.find((r) => r.registrationId === id)?.unexpected ?? [];
    assert.equal(unexpected.length, 1, JSON.stringify(unexpected));
    assert.equal(unexpected[0]?.reason, 'malformed-json');
    assert.match(unexpected[0]?.detail ?? '', /^the body is not UTF-8: bytes 0xE9 0x22 0x7D 0x7D at offset 55/);
    const check = dataSent(emulator, `${id}#1`);
    assert.equal(check?.outcome, 'failed', JSON.stringify(check));
    assert.equal(check?.mismatch, 'not-utf8');
    assert.match(check?.message ?? '', /expected a register body in UTF-8, got the body is not UTF-8: bytes 0xE9/);
  });

  it('MQTT: refused the same way', async () => {
    const id = 'latin1-mqtt';
    const client = await connectDevice(emulator, id);
    try {
      const answer = await request(client, REGISTER_TOPIC, latin1Body(id), '1');
      assert.equal(answer.status, 400, answer.text);
      assert.equal(answer.json['errorCode'], 400004);
    } finally {
      await client.endAsync();
    }
    const unexpected = emulator.observations().registrations.find((r) => r.registrationId === id)?.unexpected ?? [];
    assert.match(unexpected[0]?.detail ?? '', /^the body is not UTF-8: bytes 0xE9/);
  });

  it('UTF-8 with a real U+FFFD in it is served', async () => {
    const id = 'utf8-replacement-char';
    const body = `{"registrationId":"${id}","payload":{"name":"caf\uFFFD"}}`;
    const answer = await httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, id), body, headers: { authorization: sasFor(emulator, id) } });
    assert.equal(answer.status, 202, answer.text);
    assert.equal(dataSent(emulator, `${id}#1`)?.outcome, 'passed');
  });
});

describe('emulator with invalidUtf8: replace', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0, invalidUtf8: 'replace' });
  });
  after(() => emulator.close());

  it('serves the body with U+FFFD and the register record says it was not UTF-8', async () => {
    const id = 'latin1-replaced';
    const answer = await httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, id), body: latin1Body(id), headers: { authorization: sasFor(emulator, id) } });
    assert.equal(answer.status, 202, answer.text);
    const registerEntry = emulator.transcript.entries({ registrationId: id, kind: 'register' })[0];
    assert.ok(registerEntry?.notes?.notes?.some((note) => note.startsWith(`${NOT_UTF8}: bytes 0xE9`) && /read with U\+FFFD/.test(note)), JSON.stringify(registerEntry?.notes));
    const check = dataSent(emulator, `${id}#1`);
    assert.equal(check?.outcome, 'failed', JSON.stringify(check));
    assert.equal(check?.mismatch, 'not-utf8');
  });
});
