import assert from 'node:assert/strict';
import { groupByCause } from '../../src/report/format/group-by-cause.js';
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

  it('puts blocking causes first, then the larger, and counts waived results', () => {
    const waived = { reason: 'known', expires: '2099-01-01' };
    const groups = groupByCause([
      result({ level: 'SHOULD', outcome: 'failed', message: 'should' }),
      result({ level: 'SHOULD', outcome: 'failed', message: 'should', caseId: 'b' }),
      result({ outcome: 'failed', message: 'must', waived }),
      result({ outcome: 'failed', message: 'must', caseId: 'b' }),
      result({ outcome: 'failed', message: 'small' }),
    ]);
    assert.deepEqual(groups.map((g) => [g.firstResult.message, g.count, g.blocking, g.waived]), [['must', 2, 1, 1], ['small', 1, 1, 0], ['should', 2, 0, 0]]);
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
