import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { API, poll, register, registerUntilDone, sasFor } from './helpers/device.js';
import { httpsCall } from './helpers/https-call.js';

describe('emulator over HTTPS', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  it('registers: 202 assigning with Retry-After and Location, then 200 assigned with the payload echoed (ga)', async () => {
    const answers = await registerUntilDone(emulator, 'https-ga-1', { registrationId: 'https-ga-1', payload: { modelId: 'dtmi:com:example:Thermostat;1' } });
    const [first, last] = [answers[0]!, answers[answers.length - 1]!];
    assert.equal(first.status, 202);
    assert.equal(first.headers['retry-after'], '0');
    assert.match(String(first.headers['location']), /\/registrations\/https-ga-1\/register$/);
    assert.equal(first.json['status'], 'assigning');
    assert.match(String(first.json['operationId']), /^\d\.[0-9a-f]{16}\.[0-9a-f-]{36}$/);
    assert.equal(last.status, 200);
    const state = last.json['registrationState'] as Record<string, unknown>;
    assert.equal(last.json['status'], 'assigned');
    assert.equal(state['status'], 'assigned');
    assert.equal(state['assignedHub'], emulator.linkedHubs[0]);
    assert.equal(state['deviceId'], 'https-ga-1');
    assert.equal(state['substatus'], 'initialAssignment');
    assert.deepEqual(state['payload'], { modelId: 'dtmi:com:example:Thermostat;1' });
    assert.match(String(state['createdDateTimeUtc']), /\.\d{7}Z$/);
    assert.match(String(state['lastUpdatedDateTimeUtc']), /\.\d{7}Z$/);
    assert.match(Buffer.from(String(state['etag']), 'base64').toString(), /^".+"$/);
  });

  it('answers 202 with registrationState assigning for the planned number of polls', async () => {
    emulator.plan('https-slow-1', { pollsBeforeDone: 2, retryAfterSeconds: 1 });
    const answers = await registerUntilDone(emulator, 'https-slow-1');
    assert.deepEqual(answers.map((a) => a.status), [202, 202, 202, 200]);
    assert.equal(answers[1]!.headers['retry-after'], '1');
    assert.deepEqual(answers[1]!.json['registrationState'], { registrationId: 'https-slow-1', status: 'assigning' });
  });

  it('speaks the preview dialect when planned: data in, registrationState.returnData (string) out', async () => {
    emulator.plan('https-preview-1', { dialect: 'preview' });
    const answers = await registerUntilDone(emulator, 'https-preview-1', { registrationId: 'https-preview-1', data: { nested: { a: [1, 2] } } });
    const state = answers[answers.length - 1]!.json['registrationState'] as Record<string, unknown>;
    assert.equal(state['returnData'], JSON.stringify({ nested: { a: [1, 2] } }));
    assert.equal(state['payload'], undefined);
    const entry = emulator.transcript.entries({ registrationId: 'https-preview-1', kind: 'register' })[0];
    assert.deepEqual(entry?.notes?.dialect, { served: 'preview', declared: 'preview' });
  });

  it('rejects a preview `data` member in the ga dialect with 400 (unknown member), recorded as unexpected', async () => {
    const answer = await register(emulator, 'https-ga-data', { registrationId: 'https-ga-data', data: { x: 1 } });
    assert.equal(answer.status, 400);
    assert.equal(answer.json['errorCode'], 400012);
    assert.equal(answer.headers['x-ms-error-code'], '400012');
    const entry = emulator.transcript.forRegistration('https-ga-data')[0];
    assert.equal(entry?.notes?.unexpected?.reason, 'invalid-body');
  });

  it('reports terminal failed and disabled states as 200 polls', async () => {
    emulator.plan('https-failed-1', { allocation: { kind: 'failed', errorCode: 400207, errorMessage: 'Custom allocation failed with status code: 400' } });
    const failed = (await registerUntilDone(emulator, 'https-failed-1')).pop()!;
    assert.equal(failed.status, 200);
    assert.equal(failed.json['status'], 'failed');
    assert.equal((failed.json['registrationState'] as Record<string, unknown>)['errorCode'], 400207);

    const disabled = await startEmulator({ retryAfterSeconds: 0, enrollments: [{ groupId: 'g', primaryKey: Buffer.alloc(32, 3).toString('base64'), provisioningStatus: 'disabled' }] });
    try {
      const last = (await registerUntilDone(disabled, 'dev-disabled')).pop()!;
      assert.equal(last.status, 200);
      assert.deepEqual(last.json['registrationState'], { registrationId: 'dev-disabled', status: 'disabled' });
    } finally {
      await disabled.close();
    }
  });

  it('answers the status lookup with the bare DeviceRegistrationResult', async () => {
    await registerUntilDone(emulator, 'https-lookup-1');
    const answer = await httpsCall(emulator, { method: 'POST', path: `/${emulator.idScope}/registrations/https-lookup-1?${API}`, body: '{"registrationId":"https-lookup-1"}', headers: { authorization: sasFor(emulator, 'https-lookup-1') } });
    assert.equal(answer.status, 200);
    assert.equal(answer.json['status'], 'assigned');
    assert.equal(answer.json['operationId'], undefined);
  });

  it('substatus stays initialAssignment on re-registration to the same hub with reRegistration: initial', async () => {
    const initial = await startEmulator({ retryAfterSeconds: 0, reRegistration: 'initial' });
    try {
      const first = (await registerUntilDone(initial, 'https-again')).pop()!;
      const again = (await registerUntilDone(initial, 'https-again')).pop()!;
      const state = (answer: typeof again): Record<string, unknown> => answer.json['registrationState'] as Record<string, unknown>;
      assert.equal(state(again)['substatus'], 'initialAssignment');
      assert.equal(state(again)['createdDateTimeUtc'], state(first)['createdDateTimeUtc']);
    } finally {
      await initial.close();
    }
  });

  it('throttles the first register when planned (429 429001 + Retry-After), then succeeds', async () => {
    emulator.plan('https-throttle', { throttleFirst: { retryAfterSeconds: 7 } });
    const first = await register(emulator, 'https-throttle');
    assert.equal(first.status, 429);
    assert.equal(first.headers['retry-after'], '7');
    assert.equal(first.json['errorCode'], 429001);
    assert.equal(first.json['message'], 'Operations are being throttled for this tenant.');
    const answers = await registerUntilDone(emulator, 'https-throttle');
    assert.equal(answers.pop()!.json['status'], 'assigned');
  });

  it('answers planned server errors with 500 first, then normally', async () => {
    emulator.plan('https-500', { serverErrorFirst: 1 });
    assert.equal((await register(emulator, 'https-500')).status, 500);
    assert.equal((await register(emulator, 'https-500')).status, 202);
  });

  it('fragments the answer into many small writes when planned, and it still parses', async () => {
    emulator.plan('https-frag', { fragment: { chunkBytes: 4, pauseMs: 1 } });
    const first = await register(emulator, 'https-frag');
    assert.equal(first.status, 202);
    assert.equal(first.json['status'], 'assigning');
    assert.ok(first.dataEvents >= 10, `expected many separate reads, got ${first.dataEvents}`);
    const done = await poll(emulator, 'https-frag', String(first.json['operationId']));
    assert.equal(done.status, 200);
  });

  it('keeps secrets out of the transcript', async () => {
    const sas = sasFor(emulator, 'https-secret');
    await register(emulator, 'https-secret', { registrationId: 'https-secret' }, sas);
    const text = JSON.stringify(emulator.transcript.forRegistration('https-secret'));
    assert.ok(!text.includes(sas.split('sig=')[1]!.split('&')[0]!), 'signature leaked');
    assert.ok(!text.includes(emulator.deriveDeviceKey('https-secret')), 'device key leaked');
    assert.ok(!text.includes(emulator.groupKey!), 'group key leaked');
  });

  it('records the registration in observations with its validation', async () => {
    await registerUntilDone(emulator, 'https-observed', { registrationId: 'https-observed', payload: { a: 1 } });
    const obs = emulator.observations().registrations.find((r) => r.registrationId === 'https-observed');
    assert.equal(obs?.finalStatus, 'assigned');
    assert.deepEqual(obs?.transports, ['https']);
    assert.equal(obs?.validation.invalid, 0);
  });
});
