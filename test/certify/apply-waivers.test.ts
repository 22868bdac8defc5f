import assert from 'node:assert/strict';
import { applyWaivers, formatWaiverWarnings } from '../../src/certify/apply-waivers.js';
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

  it('words the console warnings', () => {
    assert.deepEqual(formatWaiverWarnings({ expired: [waiver({ caseId: 'a' })], unused: [waiver({ implementation: 'x' })] }), [
      'warning: waiver for webhook.response.schema (case a) expired on 2025-06-30 and no longer applies',
      'warning: waiver for webhook.response.schema (implementation x) matched no failed or errored result (fixed? then remove it)',
    ]);
  });
});
