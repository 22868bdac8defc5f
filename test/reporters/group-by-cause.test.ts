import assert from 'node:assert/strict';
import { failureCauses, groupByCause, waivedCauses } from '../../src/report/format/group-by-cause.js';
import { messageShape } from '../../src/report/format/message-shape.js';
import { requestDataOf } from '../../src/report/format/request-data.js';
import { result } from './sample-results.js';

describe('groupByCause', () => {
  it('puts results of one check with messages of one shape in one group, each place once, in input order', () => {
    const results = [
      result({
        checkId: 'webhook.robustness.variant',
        caseId: 'text-accents',
        outcome: 'failed',
        message: 'text-accents (ga): got it refused: HTTP 400 "Invalid characters."',
      }),
      result({
        checkId: 'webhook.response.status',
        caseId: 'data-absent',
        outcome: 'failed',
        message: 'data-absent (ga): got HTTP 500',
      }),
      result({
        checkId: 'webhook.robustness.variant',
        caseId: 'text-cjk',
        outcome: 'failed',
        message: 'text-cjk (ga): got it refused: HTTP 400 "Invalid characters."',
      }),
      result({
        checkId: 'webhook.robustness.variant',
        caseId: 'text-cjk',
        outcome: 'failed',
        message: 'text-cjk (ga): got it refused: HTTP 400 "Invalid characters."',
      }),
      result({
        checkId: 'webhook.robustness.variant',
        caseId: 'text-cjk',
        dialect: 'preview',
        outcome: 'failed',
        message: 'text-cjk (preview): got it refused: HTTP 400 "Invalid characters."',
      }),
    ];
    const groups = groupByCause(results);
    assert.deepEqual(
      groups.map((g) => [g.checkId, g.count, g.affected.map((a) => `${a.caseId}/${a.dialect}`)]),
      [
        ['webhook.robustness.variant', 4, ['text-accents/ga', 'text-cjk/ga', 'text-cjk/preview']],
        ['webhook.response.status', 1, ['data-absent/ga']],
      ],
    );
    assert.equal(groups[0]?.firstResult, results[0]);
    assert.equal(groups[0]?.messageShape, 'got it refused: HTTP N "…"');
  });

  it('keeps apart what differs in check, level, outcome or wording, and works on device results too', () => {
    const base = {
      outcome: 'failed' as const,
      message: 'nested-object (ga): expected returnData unchanged, got a string',
    };
    const groups = groupByCause([
      result(base),
      result({ ...base, level: 'SHOULD' }),
      result({ ...base, outcome: 'errored' }),
      result({ ...base, message: 'nested-object (ga): expected returnData unchanged, got nothing' }),
      result({
        ...base,
        caseId: 'flat',
        message: 'flat (ga): expected returnData unchanged, got a string',
        transport: 'mqtt',
      }),
    ]);
    assert.equal(groups.length, 4);
    assert.deepEqual(
      groups[0]?.affected.map((a) => `${a.caseId} ${a.transport}`),
      ['nested-object https', 'flat mqtt'],
    );
  });

  it('shapes a message without its case label, case id, numbers and quoted values', () => {
    assert.equal(messageShape('numbers-beyond-2-53 (ga): 3 of numbers-beyond-2-53 "x"', 'numbers-beyond-2-53'), 'N of {case} "…"');
    assert.equal(messageShape('ga: all 40 refused', 'all-cases'), 'all N refused');
    assert.equal(messageShape('run-wide (preview): no key, got 401', 'all-cases'), 'no key, got N');
    assert.equal(messageShape('data-flat: got 500', 'data-flat'), 'got N');
    // only a leading label goes: the same words later in the message stay
    assert.equal(messageShape('got "x" for ga: data-flat (ga): ', 'data-flat'), 'got "…" for ga: {case} (ga):');
  });

  it('makes one defect in both dialects one cause (the label names the dialect, the defect is the same)', () => {
    const refused = (dialect: 'ga' | 'preview'): ReturnType<typeof result> =>
      result({ checkId: 'webhook.robustness.variant', caseId: 'text-cjk', dialect, outcome: 'failed', message: `text-cjk (${dialect}): got it refused: HTTP 400` });
    const groups = groupByCause([refused('ga'), refused('preview')]);
    assert.equal(groups.length, 1);
    assert.deepEqual(groups[0]?.affected.map((a) => a.dialect), ['ga', 'preview']);
  });

  it('makes one failed exchange one cause across the checks that saw it, MUST when any of them is', () => {
    const timeout = (checkId: string, level: 'MUST' | 'SHOULD'): ReturnType<typeof result> =>
      result({ checkId, level, outcome: 'errored', mismatch: 'timeout', message: `nested-object (ga): expected an answer, got no answer within 5000 ms` });
    const groups = groupByCause([timeout('webhook.response.time', 'SHOULD'), timeout('webhook.response.status', 'MUST'), result({ outcome: 'failed', message: 'other' })]);
    assert.equal(groups.length, 2);
    const [exchange] = groups.filter((g) => g.outcome === 'errored');
    assert.deepEqual(exchange?.checkIds, ['webhook.response.status', 'webhook.response.time']);
    assert.equal(exchange?.level, 'MUST');
    assert.equal(exchange?.count, 2);
    assert.equal(exchange?.blocking, 1);
    assert.deepEqual(exchange?.affected.map((a) => a.checkIds), [['webhook.response.time', 'webhook.response.status']], 'one place, both checks');
    const ours = { ...timeout('webhook.response.status', 'MUST'), harnessFault: true };
    assert.equal(groupByCause([timeout('webhook.response.status', 'MUST'), ours]).length, 2, 'a harness fault is a cause of its own');
  });

  it('puts blocking causes first, then the larger, and keeps waived results in causes of their own', () => {
    const waived = { reason: 'known', expires: '2099-01-01' };
    const results = [
      result({ level: 'SHOULD', outcome: 'failed', message: 'should' }),
      result({ level: 'SHOULD', outcome: 'failed', message: 'should', caseId: 'b' }),
      result({ outcome: 'failed', message: 'must', waived }),
      result({ outcome: 'failed', message: 'must', caseId: 'b' }),
      result({ outcome: 'failed', message: 'small' }),
    ];
    const groups = groupByCause(results);
    assert.deepEqual(groups.map((g) => [g.firstResult.message, g.count, g.blocking, g.waived]), [['must', 1, 1, 0], ['small', 1, 1, 0], ['should', 2, 0, 0], ['must', 1, 0, 1]]);
    assert.deepEqual(failureCauses(results).map((g) => g.waived), [0, 0, 0], 'a waived result is never among the failures');
    assert.deepEqual(waivedCauses(results).map((g) => [g.firstResult.caseId, g.waived]), [['nested-object', 1]]);
  });

  it('groups by check and kind of mismatch, whatever data and volatile text each message holds, listing the cases with their data', () => {
    const javaError = (trackingId: string, at: string): string =>
      `expected polling until a terminal status, the device stopped after 1 request(s) and reported error "java.util.concurrent.ExecutionException: 400 : {"errorCode":400012,"trackingId":"${trackingId}","timestampUtc":"${at}"}; caused by ProvisioningDeviceHubExce`;
    const evidence = (caseId: string, data: unknown): unknown => ({ registrationId: `dpsc-${caseId}`, adapter: { request: { registrationId: `dpsc-${caseId}`, dialect: 'ga', transport: 'mqtt', data } } });
    const results = [
      result({ checkId: 'device.polling.terminal', caseId: 'data-flat', transport: 'mqtt', outcome: 'failed', mismatch: 'stopped-polling', message: javaError('1f823927-c230-41b5-bd10-99b300755e8a', '2026-12-03T16:52:02.6476338Z'), evidence: evidence('data-flat', { a: 1 }) }),
      result({ checkId: 'device.polling.terminal', caseId: 'text-cjk', transport: 'amqp', outcome: 'failed', mismatch: 'stopped-polling', message: javaError('dccf4ad0-8312-4882-8453-4c7fb347d814', '2026-12-03T16:52:09.1Z'), evidence: evidence('text-cjk', { 名前: '温度' }) }),
      result({ checkId: 'device.polling.terminal', caseId: 'data-flat', transport: 'https', outcome: 'failed', mismatch: 'stopped-polling', message: javaError('249c6daf-963f-491f-9d5a-d6d236f1a91c', '2026-12-03T16:53:00Z'), evidence: evidence('data-flat', { a: 1 }) }),
      result({ checkId: 'device.data.sent', caseId: 'data-flat', outcome: 'failed', mismatch: 'data-mismatch', message: 'expected payload {"a":1}, got "{\\"a\\":1}" (wrong-type)' }),
      result({ checkId: 'device.data.sent', caseId: 'text-cjk', outcome: 'failed', mismatch: 'data-mismatch', message: 'expected payload {"名前":"温度"}, got "{\\"名前\\":\\"温度\\"}" (wrong-type)' }),
      result({ checkId: 'device.data.sent', caseId: 'numbers', outcome: 'failed', mismatch: 'data-mismatch', message: 'expected payload [1,2], got "[1,2]" (wrong-type)' }),
    ];
    const groups = groupByCause(results);
    assert.deepEqual(groups.map((g) => [g.checkId, g.mismatch, g.count, g.cases.length]), [
      ['device.polling.terminal', 'stopped-polling', 3, 2],
      ['device.data.sent', 'data-mismatch', 3, 3],
    ]);
    const [terminal] = groups;
    assert.deepEqual(terminal?.cases.map((c) => [c.caseId, c.transports, c.data]), [['data-flat', ['mqtt', 'https'], '{"a":1}'], ['text-cjk', ['amqp'], '{"名前":"温度"}']]);
    assert.equal(terminal?.implementation, 'azure-iot-provisioning-device@1.9.1');
    // the same mismatch in another implementation is another implementation's defect
    const other = results.map((r) => ({ ...r, implementation: { name: 'com.example:sdk', version: '2.0', displayName: 'Example SDK' } }));
    assert.equal(groupByCause([...results, ...other]).length, 4);
  });

  it('takes volatile text out of a shape: operation IDs, GUIDs, timestamps, durations and long hex tokens', () => {
    assert.equal(
      messageShape('operation 5.316aac5bdc130deb.1f823927-c230-41b5-bd10-99b300755e8a failed at 2026-12-03T16:52:02.6476338Z after 1943 ms (nonce 0c84bd92edab9e6c)'),
      'operation {operation} failed at {time} after {duration} (nonce {id})',
    );
    assert.equal(messageShape('Date: Wed, 03 Dec 2026 16:52:57 GMT, retry in 2.5 s'), 'Date: {time}, retry in {duration}');
    // words of hex letters alone, and short numbers, are not ids
    assert.equal(messageShape('deadbeef cafe 3 of 12'), 'deadbeef cafe N of N');
    // an SDK quoting JSON without escaping it: the same shape whatever its tracking ID
    const quoted = (id: string): string => `reported error "Error: {"errorCode":429001,"trackingId":"${id}","message":"throttled"}"`;
    assert.equal(messageShape(quoted('7d6d8156-ed75-4367-980f-cc6cd89a9ca9')), messageShape(quoted('1f823927-c230-41b5-bd10-99b300755e8a')));
    // a message clipped inside a quote
    assert.equal(messageShape('got "abc'), 'got "…"');
  });
});

describe('requestDataOf', () => {
  it('reads the device data of a webhook call, a Pact interaction and a device register command', () => {
    const body = JSON.stringify({
      enrollmentGroup: { enrollmentGroupId: 'g' },
      deviceRuntimeContext: { registrationId: 'r1', symmetricKey: {}, payload: { name: 'Café' } },
      linkedHubs: ['h'],
    });
    assert.deepEqual(requestDataOf({ request: { method: 'POST', body }, answer: {} }), {
      registrationId: 'r1',
      enrollment: 'group',
      attestation: 'symmetricKey',
      payload: { name: 'Café' },
    });
    assert.deepEqual(
      requestDataOf({ request: { individualEnrollment: {}, deviceRuntimeContext: { registrationId: 'r2', tpm: {} } } }),
      {
        registrationId: 'r2',
        enrollment: 'individual',
        attestation: 'tpm',
        deviceData: '(none sent)',
      },
    );
    assert.deepEqual(
      requestDataOf({
        adapter: {
          request: {
            seq: 2,
            cmd: 'register',
            registrationId: 'd1',
            dialect: 'ga',
            transport: 'mqtt',
            data: { a: 1 },
            attestation: { key: 'k' },
          },
        },
      }),
      {
        registrationId: 'd1',
        dialect: 'ga',
        transport: 'mqtt',
        data: { a: 1 },
      },
    );
    assert.equal(requestDataOf({ answer: {} }), undefined);
    assert.equal(requestDataOf(undefined), undefined);
  });
});
