import assert from 'node:assert/strict';
import { connect } from 'mqtt';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { gradeObserved } from '../../suites/emulate-grading/grade-observed.js';
import { scenarioPlanner, SCENARIOS } from '../../suites/emulate-grading/scenario-planner.js';
import { poll, register, sasFor } from '../emulator/helpers/device.js';
import { openAmqp, registerOverAmqp } from '../emulator/helpers/amqp-device.js';
import { connectDevice, pollTopic, REGISTER_TOPIC, request } from '../emulator/helpers/mqtt-device.js';

function grade(emulator: RunningEmulator): { checkId: string; caseId: string; transport: string; outcome: string; message: string; mismatch?: string }[] {
  return gradeObserved({ idScope: emulator.idScope, defaultDialect: 'ga', entries: emulator.transcript.entries(), redactor: new SecretRedactor() }).map((r) => ({
    checkId: r.checkId,
    caseId: r.caseId,
    transport: r.transport,
    outcome: r.outcome,
    message: r.message,
    ...(r.mismatch !== undefined ? { mismatch: r.mismatch } : {}),
  }));
}

describe('emulate grading (server-side device checks on the transcript)', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  afterEach(() => emulator.close());

  it('keeps a throttled register and its retry in one registration, and passes the throttle check when the device waited', async () => {
    emulator.plan('throttled-1', { throttleFirst: { retryAfterSeconds: 1 } });
    assert.equal((await register(emulator, 'throttled-1')).status, 429);
    await new Promise((r) => setTimeout(r, 1000));
    const accepted = await register(emulator, 'throttled-1');
    await poll(emulator, 'throttled-1', String(accepted.json['operationId']));
    const results = grade(emulator);
    assert.deepEqual([...new Set(results.map((r) => r.caseId))], ['throttled-1#1']);
    assert.equal(results.find((r) => r.checkId === 'device.polling.throttle')?.outcome, 'passed');
    assert.deepEqual(results.filter((r) => r.outcome !== 'passed'), []);
  });

  it('judges each registration on its own: a wrong key fails device.request.sas for that one only', async () => {
    await register(emulator, 'key-1', { registrationId: 'key-1' }, sasFor(emulator, 'key-1', { key: emulator.deriveDeviceKey('someone-else') }));
    const accepted = await register(emulator, 'key-1');
    await poll(emulator, 'key-1', String(accepted.json['operationId']));
    const sas = grade(emulator).filter((r) => r.checkId === 'device.request.sas');
    assert.deepEqual(sas.map((r) => `${r.caseId} ${r.outcome}`), ['key-1#1 failed', 'key-1#2 passed']);
    assert.equal(sas[0]?.mismatch, 'invalid-sas');
  });

  it('fails device.data.sent for a body DPS took off the dialect\'s schema (with the problem in the message), passes a valid one', async () => {
    const offSchema = await register(emulator, 'shape-1', { registrationId: 'shape-1', tpm: 'text' });
    await poll(emulator, 'shape-1', String(offSchema.json['operationId']));
    const accepted = await register(emulator, 'shape-2', { registrationId: 'shape-2', payload: { modelId: 'dtmi:com:example:Thermostat;1' } });
    await poll(emulator, 'shape-2', String(accepted.json['operationId']));
    const data = grade(emulator).filter((r) => r.checkId === 'device.data.sent');
    assert.deepEqual(data.map((r) => `${r.caseId} ${r.outcome}`), ['shape-1#1 failed', 'shape-2#1 passed']);
    assert.match(data[0]?.message ?? '', /valid against ga\/registration-request, got \/tpm: /);
  });

  it('a body DPS refuses fails device.request.body, naming why, and device.data.sent is not reached', async () => {
    await register(emulator, 'shape-3', { registrationId: 'shape-3', payload: 'text' });
    const results = grade(emulator).filter((r) => r.caseId === 'shape-3#1');
    assert.deepEqual(results.filter((r) => r.outcome === 'failed').map((r) => r.checkId), ['device.request.body']);
    assert.match(results.find((r) => r.checkId === 'device.request.body')?.message ?? '', /this string is not JSON/);
    assert.equal(results.find((r) => r.checkId === 'device.data.sent')?.outcome, 'skipped');
  });

  it('a poll DPS refuses (an operation it never gave) fails its owner; device.polling.terminal is not reached, naming it', async () => {
    const accepted = await register(emulator, 'poll-1', { registrationId: 'poll-1' });
    assert.equal(accepted.status, 202);
    assert.equal((await poll(emulator, 'poll-1', 'not-an-operation-dps-gave')).status, 404);
    const results = gradeObserved({ idScope: emulator.idScope, defaultDialect: 'ga', entries: emulator.transcript.entries(), redactor: new SecretRedactor() });
    const terminal = results.find((r) => r.checkId === 'device.polling.terminal');
    assert.deepEqual([terminal?.outcome, terminal?.blockedBy], ['skipped', 'device.request.path'], terminal?.message);
    assert.match(terminal?.message ?? '', /DPS refused the status poll with 404/);
    assert.deepEqual(results.filter((r) => r.outcome === 'failed').map((r) => r.checkId), ['device.request.path']);
  });

  it('judges a refused MQTT 3.1 CONNECT on its own, by device.mqtt.protocol only', async () => {
    const client = connect({ host: '127.0.0.1', port: emulator.mqttPort, protocol: 'mqtts', protocolVersion: 3, protocolId: 'MQIsdp', clientId: 'old-1', username: `${emulator.idScope}/registrations/old-1/api-version=2019-03-31`, password: sasFor(emulator, 'old-1'), ca: emulator.caPem, servername: 'localhost', reconnectPeriod: 0 });
    await new Promise<void>((resolve) => client.once('error', () => resolve()).once('close', () => resolve()));
    client.end(true);
    const results = grade(emulator);
    assert.deepEqual(results.map((r) => `${r.checkId} ${r.outcome}`), ['device.mqtt.protocol failed']);
    assert.match(results[0]?.message ?? '', /unsupported-protocol-version/);
  });

  it('keeps each connection\'s entries with its own registration: MQTT PUBACKs and ends never leak into the next transport\'s', async () => {
    const id = 'hopper-1';
    for (const ws of [false, true]) {
      const client = await connectDevice(emulator, id, { ws });
      await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
      let answer = await request(client, REGISTER_TOPIC, JSON.stringify({ registrationId: id }), '1');
      for (let rid = 2; answer.json['status'] === 'assigning'; rid += 1) answer = await request(client, pollTopic(String(answer.json['operationId'])), '', String(rid));
      await client.endAsync();
    }
    const amqp = await openAmqp(emulator, id);
    assert.ok(!('refused' in amqp));
    await registerOverAmqp(amqp, JSON.stringify({ registrationId: id }));
    await amqp.close();
    // each end is recorded when the emulator's side of the socket closes, a moment after the device's
    const ended = (): number => emulator.transcript.entries({ registrationId: id, kind: 'closed' }).length;
    for (const deadline = Date.now() + 10_000; ended() < 3 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    const results = grade(emulator);
    assert.deepEqual([...new Set(results.map((r) => `${r.caseId} ${r.transport}`))], ['hopper-1#1 mqtt', 'hopper-1#2 mqtt-ws', 'hopper-1#3 amqp']);
    assert.deepEqual(results.filter((r) => r.outcome !== 'passed').map((r) => `${r.caseId} ${r.checkId}: ${r.message}`), []);
    assert.ok(results.some((r) => r.caseId === 'hopper-1#3' && r.checkId === 'device.amqp.protocol'));
    const ends = emulator.transcript.entries({ registrationId: id, kind: 'closed' }).map((e) => `${e.connection ?? ''} ${e.closed ?? ''}`);
    assert.equal(ends.length, 3);
    assert.ok(ends.every((end) => / disconnect$/.test(end)), ends.join(', '));
  });

  it('the scenario planner gives successive registrations the scenarios in order, a throttled one its retries, then the defaults', () => {
    const plans: string[] = [];
    const next = scenarioPlanner((_id, plan) => plans.push(JSON.stringify(plan)));
    const notes = Array.from({ length: SCENARIOS.length + 3 }, () => next('dev-1'));
    assert.deepEqual(notes, ['scenario device-retry-after', 'scenario device-throttled', 'scenario device-throttled', 'scenario device-throttled', 'scenario device-allocation-failed', 'scenario device-fragmented', undefined]);
    assert.equal(plans.length, SCENARIOS.length + 1, 'the retries of the throttled register keep its plan; the last resets to the defaults');
    assert.equal(plans[plans.length - 1], '{}');
    assert.equal(next('DEV-1'), undefined, 'registration IDs compare case-insensitively');
  });
});
