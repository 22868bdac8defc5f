import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { dataBody, openAmqp, registerOverAmqp, type AmqpDevice } from './helpers/amqp-device.js';
import { sasFor } from './helpers/device.js';

async function device(emulator: RunningEmulator, registrationId: string, overWebSocket = false): Promise<AmqpDevice> {
  const opened = await openAmqp(emulator, registrationId, { overWebSocket });
  if ('refused' in opened) throw new Error(`connection refused: ${opened.refused}`);
  return opened;
}

function lastEntry(emulator: RunningEmulator, registrationId: string, kind: string): ReturnType<RunningEmulator['transcript']['entries']>[number] | undefined {
  return emulator.transcript.entries().filter((e) => e.registrationId === registrationId && e.kind === kind).at(-1);
}

describe('emulator over AMQP', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  for (const overWebSocket of [false, true]) {
    const transport = overWebSocket ? 'amqp-ws' : 'amqp';
    it(`registers over ${transport}: assigning with retry-after, then assigned with the payload, correlated`, async () => {
      const id = `amqp-flow-${transport}`;
      emulator.plan(id, { pollsBeforeDone: 1, retryAfterSeconds: 1 });
      const amqp = await device(emulator, id, overWebSocket);
      try {
        const answers = await registerOverAmqp(amqp, JSON.stringify({ registrationId: id, payload: { modelId: 'm', text: 'héllo ✓' } }));
        assert.deepEqual(answers.map((a) => (a.kind === 'message' ? a.json['status'] : a.kind)), ['assigning', 'assigning', 'assigned']);
        const first = answers[0]!;
        assert.ok(first.kind === 'message');
        assert.equal(first.properties['retry-after'], '1');
        assert.equal(first.correlationId, 'c-1');
        const last = answers.at(-1)!;
        assert.ok(last.kind === 'message');
        assert.equal(last.properties['retry-after'], undefined);
        assert.deepEqual((last.json['registrationState'] as Record<string, unknown>)['payload'], { modelId: 'm', text: 'héllo ✓' });
      } finally {
        await amqp.close();
      }
      const observed = emulator.observations().registrations.find((r) => r.registrationId === id);
      assert.deepEqual(observed?.transports, [transport]);
      const register = lastEntry(emulator, id, 'register');
      assert.deepEqual(register?.request.wire, { amqp: 'transfer', operationType: 'iotdps-register', correlationId: 'c-1', apiVersion: '2019-03-31', clientVersion: 'dps-conformance-test/1' });
    });
  }

  it('refuses a wrong key, an unknown ID scope and a malformed user name at SASL (recorded, 401)', async () => {
    const wrongKey = await openAmqp(emulator, 'amqp-bad', { password: sasFor(emulator, 'amqp-bad', { key: emulator.deriveDeviceKey('someone-else') }) });
    assert.ok('refused' in wrongKey, 'a wrong key was accepted');
    assert.equal(lastEntry(emulator, 'amqp-bad', 'connect')?.response?.status, 401);
    assert.equal(lastEntry(emulator, 'amqp-bad', 'connect')?.notes?.auth?.ok, false);
    const scope = await openAmqp(emulator, 'amqp-scope', { username: '0ne00000000/registrations/amqp-scope' });
    assert.ok('refused' in scope);
    const user = await openAmqp(emulator, 'amqp-user', { username: 'not-a-dps-user' });
    assert.ok('refused' in user);
    const malformed = emulator.transcript.entries().filter((e) => e.notes?.unexpected?.reason === 'malformed-username');
    assert.ok(malformed.some((e) => JSON.stringify(e.request.wire).includes('not-a-dps-user')));
  });

  it('detaches links on another registration\'s address with the DPS error for a registration ID mismatch (400)', async () => {
    const opened = await openAmqp(emulator, 'amqp-link', { address: `${emulator.idScope}/registrations/somebody-else` });
    // AMQP refuses a link by answering the attach and detaching it at once with an error
    if (!('refused' in opened)) {
      const closed = await new Promise<string>((resolve) => {
        if (!opened.sender.is_open()) resolve(String((opened.sender.error as { condition?: string } | undefined)?.condition));
        opened.sender.once('sender_close', (context: { sender?: { error?: { condition?: string } } }) => resolve(String(context.sender?.error?.condition)));
        setTimeout(() => resolve('still open'), 2_000);
      });
      assert.equal(closed, 'com.microsoft:argument-error');
      await opened.close();
    }
    assert.ok(emulator.transcript.entries().some((e) => e.registrationId === 'amqp-link' && e.notes?.unexpected?.reason === 'registration-id-mismatch'));
  });

  it('rejects errors with an AMQP condition and the DPS status, error code and Retry-After in the info', async () => {
    const id = 'amqp-errors';
    emulator.plan(id, { throttleFirst: { retryAfterSeconds: 3 }, serverErrorFirst: 1 });
    const amqp = await device(emulator, id);
    try {
      const register = { 'iotdps-operation-type': 'iotdps-register' };
      const serverError = await amqp.request(register, dataBody('{}'));
      assert.ok(serverError.kind === 'rejected');
      assert.equal(serverError.condition, 'amqp:internal-error');
      assert.equal(serverError.info['iotdps-status'], 500);
      const throttled = await amqp.request(register, dataBody('{}'));
      assert.ok(throttled.kind === 'rejected');
      assert.equal(throttled.condition, 'com.microsoft:device-container-throttled');
      assert.deepEqual([throttled.info['iotdps-status'], throttled.info['iotdps-error-code'], throttled.info['retry-after']], [429, 429001, '3']);
      const badBody = await amqp.request(register, dataBody('{not json'));
      assert.ok(badBody.kind === 'rejected');
      assert.equal(badBody.info['iotdps-status'], 400);
      const unknownOp = await amqp.request({ 'iotdps-operation-type': 'iotdps-get-operationstatus', 'iotdps-operation-id': 'nope' }, '');
      assert.ok(unknownOp.kind === 'rejected');
      assert.equal(unknownOp.condition, 'amqp:not-found');
      const unknownType = await amqp.request({ 'iotdps-operation-type': 'iotdps-do-something' }, '');
      assert.ok(unknownType.kind === 'rejected');
      assert.equal(unknownType.info['iotdps-status'], 404);
      const tooBig = await amqp.request(register, dataBody('x'.repeat(97 * 1024)));
      assert.ok(tooBig.kind === 'rejected');
      assert.equal(tooBig.condition, 'amqp:link:message-size-exceeded');
      // the connection is still good
      const answers = await registerOverAmqp(amqp, JSON.stringify({ registrationId: id }));
      assert.equal(answers.at(-1)?.kind === 'message' && answers.at(-1)?.kind === 'message' ? (answers.at(-1) as { json: Record<string, unknown> }).json['status'] : '', 'assigned');
    } finally {
      await amqp.close();
    }
  });

  it('answers slowly when planned, and can carry errors as answer messages instead (amqpErrorReply)', async () => {
    const id = 'amqp-slow';
    emulator.plan(id, { slowMs: 400 });
    const amqp = await device(emulator, id);
    try {
      const started = Date.now();
      const answer = await amqp.request({ 'iotdps-operation-type': 'iotdps-register' }, dataBody('{}'));
      assert.ok(answer.kind === 'message');
      assert.ok(Date.now() - started >= 380, `answered after ${Date.now() - started} ms`);
    } finally {
      await amqp.close();
    }
    const other = await startEmulator({ retryAfterSeconds: 0, amqpErrorReply: 'message' });
    try {
      other.plan('amqp-msg', { throttleFirst: { retryAfterSeconds: 2 } });
      const opened = await openAmqp(other, 'amqp-msg');
      assert.ok(!('refused' in opened));
      const answer = await opened.request({ 'iotdps-operation-type': 'iotdps-register' }, dataBody('{}'));
      assert.ok(answer.kind === 'message');
      assert.deepEqual([answer.properties['iotdps-status'], answer.properties['retry-after'], answer.json['errorCode']], [429, '2', 429001]);
      await opened.close();
    } finally {
      await other.close();
    }
  });
});
