import assert from 'node:assert/strict';
import { groupByCause, messageShape } from '../../src/report/format/group-by-cause.js';
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
    assert.equal(groups[0]?.messageShape, 'got it refused: HTTP <n> "…"');
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
    assert.equal(
      messageShape({
        caseId: 'numbers-beyond-2-53',
        dialect: 'ga',
        message: 'numbers-beyond-2-53 (ga): 3 of numbers-beyond-2-53 "x"',
      }),
      '<n> of <case> "…"',
    );
    assert.equal(
      messageShape({ caseId: 'all-cases', dialect: 'ga', message: 'ga: all 40 refused' }),
      'all <n> refused',
    );
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
