import assert from 'node:assert/strict';
import { applyWaivers, waiverSummary } from '../../src/certify/apply-waivers.js';
import { certificationFacts } from '../../src/report/format/certification-facts.js';
import { runInfo } from '../reporters/sample-results.js';
import { isBlocking, type CheckResult } from '../../src/results/check-result.js';
import type { Waiver } from '../../src/schemas/generated/harness/waivers.js';
import { makeResult } from '../merge/report-fixtures.js';

describe('applyWaivers', () => {
  const failed = (overrides: Partial<CheckResult> = {}) => makeResult({ checkId: 'webhook.response.schema', outcome: 'failed', message: 'no', ...overrides });
  const waiver = (overrides: Partial<Waiver> = {}): Waiver => ({ checkId: 'webhook.response.schema', reason: 'ticket 7', expires: '2025-06-30', ...overrides });

  it('waives a matching failed or errored result, which then no longer blocks', () => {
    const out = applyWaivers([failed(), failed({ outcome: 'errored' }), failed({ outcome: 'passed' })], [waiver()], '2025-06-01');
    assert.deepEqual(out.results[0]?.waived, { reason: 'ticket 7', expires: '2025-06-30' });
    assert.equal(out.results[1]?.waived?.reason, 'ticket 7');
    assert.equal(out.results[2]?.waived, undefined);
    assert.ok(!out.results.some(isBlocking));
    assert.deepEqual(out.unused, []);
    assert.deepEqual(out.expired, []);
  });

  it('narrows by caseId and by implementation name or name@version', () => {
    const results = [failed({ caseId: 'a' }), failed({ caseId: 'b' }), failed({ caseId: 'a', implementation: { name: 'other', version: '1' } })];
    const byCase = applyWaivers(results, [waiver({ caseId: 'a', implementation: 'azure-iot-provisioning-device@1.9.1' })], '2025-01-01');
    assert.deepEqual(byCase.results.map((r) => Boolean(r.waived)), [true, false, false]);
    const byName = applyWaivers(results, [waiver({ implementation: 'other' })], '2025-01-01');
    assert.deepEqual(byName.results.map((r) => Boolean(r.waived)), [false, false, true]);
  });

  it('applies through its expiry day (UTC) and reports it as expired the day after', () => {
    assert.ok(applyWaivers([failed()], [waiver()], new Date('2025-06-30T23:59:59Z')).results[0]?.waived);
    const after = applyWaivers([failed()], [waiver()], new Date('2025-07-01T00:00:00Z'));
    assert.equal(after.results[0]?.waived, undefined);
    assert.deepEqual(after.expired, [waiver()]);
    assert.deepEqual(after.unused, []);
  });

  it('never waives a harness fault, and reports live waivers that matched nothing', () => {
    const out = applyWaivers([failed({ harnessFault: true })], [waiver(), waiver({ checkId: 'device.other.check' })], '2025-01-01');
    assert.equal(out.results[0]?.waived, undefined);
    assert.equal(out.unused.length, 2);
  });

  it('does not change the results it was given', () => {
    const input = [failed()];
    applyWaivers(input, [waiver()], '2025-01-01');
    assert.equal(input[0]?.waived, undefined);
  });

  it('sums up for the reports what the waivers did: results waived, waivers expired, waivers that matched nothing', () => {
    const live = waiver({ caseId: 'a' });
    const old = waiver({ caseId: 'b', expires: '2020-01-01' });
    const idle = waiver({ implementation: 'x' });
    const results = applyWaivers([failed({ caseId: 'a' })], [live, old, idle], '2025-01-01').results;
    assert.deepEqual(waiverSummary([live, old, idle], results, '2025-01-01'), {
      given: 3,
      waivedResults: 1,
      expired: [{ checkId: 'webhook.response.schema', caseId: 'b', reason: old.reason, expires: '2020-01-01' }],
      unused: [{ checkId: 'webhook.response.schema', implementation: 'x', reason: idle.reason, expires: idle.expires }],
    });
    const facts = certificationFacts({ ...runInfo, waivers: waiverSummary([live, old, idle], results, '2025-01-01') });
    assert.deepEqual(facts.expired, [`waiver for webhook.response.schema (case b) expired on 2020-01-01 and no longer applies (${old.reason})`]);
    assert.deepEqual(facts.unused, [`waiver for webhook.response.schema (implementation x) matched no failed or errored result: fixed? then remove it (${idle.reason})`]);
  });
});
