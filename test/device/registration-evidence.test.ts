import assert from 'node:assert/strict';
import { startEmulator, webhookAllocator, type RunningEmulator, type TranscriptEntry } from '../../src/emulator/index.js';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { readEntry } from '../../suites/device/evidence/read-entry.js';
import { readObserved, type RegistrationEvidence } from '../../suites/device/evidence/registration-evidence.js';
import type { ObservedRun } from '../../suites/device/registration-run.js';
import { poll, register, registerPath, sasFor } from '../emulator/helpers/device.js';
import { isObject } from '../../suites/device/evidence/json-values.js';
import { httpsCall } from '../emulator/helpers/https-call.js';

function observe(emulator: RunningEmulator, registrationId: string): RegistrationEvidence<ObservedRun> {
  return readObserved({ transport: 'https', dialect: 'ga', registrationId, entries: emulator.transcript.forRegistration(registrationId), command: { idScope: emulator.idScope } });
}

describe('the typed evidence of a registration (suites/device/evidence)', () => {
  let webhook: RunningWebhook;
  let emulator: RunningEmulator;
  before(async () => {
    webhook = await startReferenceWebhook();
    emulator = await startEmulator({ retryAfterSeconds: 0, allocator: webhookAllocator({ url: webhook.url }) });
  });
  after(async () => {
    await emulator.close();
    await webhook.close();
  });

  it('tags every entry by kind and parses each body once, keeping every digit of the register body', async () => {
    const text = '{"registrationId":"ev-1","payload":{"big":12345678901234567890,"name":"é"}}';
    const first = await httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, 'ev-1'), body: text, headers: { authorization: sasFor(emulator, 'ev-1') } });
    assert.equal(first.status, 202);
    let last = first;
    for (let i = 0; i < 20 && last.status !== 200; i += 1) last = await poll(emulator, 'ev-1', String(first.json['operationId']));
    assert.equal(last.status, 200);
    const e = observe(emulator, 'ev-1');
    const register = e.registers[0];
    assert.equal(register?.kind, 'register');
    assert.equal(register?.wire.protocol, 'https');
    assert.deepEqual(register?.body.kind === 'json' ? register.body.value : undefined, { registrationId: 'ev-1', payload: { big: 12345678901234567890n, name: 'é' } });
    assert.equal(register?.answer.status, 202);
    assert.ok((register?.answer.at ?? 0) >= (register?.at ?? Infinity));
    assert.ok(e.polls.length >= 1);
    assert.deepEqual(e.operations.map((entry) => entry.kind), ['register', ...e.polls.map(() => 'poll')]);
    assert.equal(e.terminal?.status, 'assigned');
    assert.equal(e.terminal?.exact, true);
    assert.equal(typeof e.terminal?.state['assignedHub'], 'string');
    assert.equal(e.adapter.kind, 'unobserved');
    const call = e.webhookCalls[0];
    assert.equal(call?.outcome.kind, 'answered');
    const sent = call?.sent.kind === 'json' ? call.sent.value : undefined;
    assert.deepEqual(isObject(sent) && isObject(sent['deviceRuntimeContext']) ? sent['deviceRuntimeContext']['payload'] : undefined, { big: 12345678901234567890n, name: 'é' });
  });

  it('reads a register the core refused as a register with its refusal', async () => {
    const refused = await register(emulator, 'ev-3', { registrationId: 'ev-3', payload: { a: 1 }, modelId: 'dtmi:x:y;1' });
    assert.equal(refused.status, 400);
    const e = observe(emulator, 'ev-3');
    // the core took it as a register and refused its body: the entry keeps its kind and carries the refusal
    const attempt = e.registers[0];
    assert.equal(attempt?.kind, 'register');
    assert.equal(attempt?.refusal?.reason, 'invalid-body');
    assert.match(attempt?.refusal?.detail ?? '', /modelId/);
    assert.equal(attempt?.answer.status, 400);
    assert.equal(e.operations.length, 1);
    assert.equal(e.terminal, undefined);
  });

  it('keeps big integers exact from the text, and says when only a parse was recorded or the text is not JSON', () => {
    const base: TranscriptEntry = { seq: 1, at: new Date(0).toISOString(), frontEnd: 'https', kind: 'register', request: { wire: { method: 'PUT', path: '/s/registrations/x/register?api-version=1&api-version=2', headers: {} }, bodyText: '{"payload":{"n":12345678901234567890}}' }, response: { status: 202, bodyText: 'not json' }, durationMs: 5 };
    const exact = readEntry(base);
    assert.equal(exact.kind, 'register');
    if (exact.kind !== 'register') return;
    assert.deepEqual(exact.body, { kind: 'json', value: { payload: { n: 12345678901234567890n } }, exact: true, text: '{"payload":{"n":12345678901234567890}}' });
    assert.equal(exact.answer.body.kind, 'not-json');
    assert.equal(exact.answer.at, 5);
    assert.deepEqual(exact.wire.protocol === 'https' ? exact.wire.query : undefined, { 'api-version': '1' });
    const parsedOnly = readEntry({ ...base, request: { body: { payload: { n: 1 } } } });
    assert.equal(parsedOnly.kind === 'register' && parsedOnly.body.kind === 'json' && parsedOnly.body.exact, false);
    const empty = readEntry({ ...base, request: { bodyText: ' ' } });
    assert.equal(empty.kind === 'register' ? empty.body.kind : undefined, 'empty');
    const unmapped = readEntry({ ...base, kind: 'unexpected', request: { wire: { packet: 'publish', topic: '$dps/registrations/PUT/iotdps-register/?$rid=1' } }, notes: { unexpected: { reason: 'body-too-large', detail: 'big', decision: 'answer 413 413001' } } });
    assert.deepEqual(unmapped.kind === 'unexpected' ? [unmapped.attempted, unmapped.reason, unmapped.refusal.decision] : undefined, ['register', 'body-too-large', 'answer 413 413001']);
    const unknown = readEntry({ ...base, frontEnd: 'webhook', kind: 'something-new' });
    assert.deepEqual(unknown.kind === 'other' ? unknown.recordedKind : undefined, 'something-new');
  });
});
