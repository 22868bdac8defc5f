import assert from 'node:assert/strict';
import { diffReports } from '../../src/merge/diff-reports.js';
import { formatDiff } from '../../src/merge/format-diff.js';
import { makeResult } from './report-fixtures.js';

const at = (caseId: string, outcome: 'passed' | 'failed' | 'errored' | 'skipped', extra: Parameters<typeof makeResult>[0] = {}) =>
  makeResult({ caseId, outcome, message: `${caseId} ${outcome}`, ...extra });

describe('diffReports', () => {
  const base = [at('regress', 'passed'), at('fix', 'failed'), at('stay', 'errored'), at('gone', 'passed'), at('skipnow', 'failed'), at('wasskipped', 'skipped')];
  const current = [
    at('regress', 'failed', { implementation: { name: 'azure-iot-provisioning-device', version: '1.9.2' } }),
    at('fix', 'passed'),
    at('stay', 'failed'),
    at('skipnow', 'skipped'),
    at('wasskipped', 'errored'),
    at('brand-new', 'failed', { level: 'SHOULD' }),
    at('added-ok', 'passed'),
  ];
  const diff = diffReports(base, current);
  const ids = (entries: { result: { caseId: string } }[]) => entries.map((e) => e.result.caseId).sort();

  it('groups keys by what changed, ignoring the implementation version', () => {
    assert.deepEqual(ids(diff.newFailures), ['brand-new', 'regress', 'wasskipped']);
    assert.deepEqual(ids(diff.fixed), ['fix']);
    assert.deepEqual(ids(diff.stillFailing), ['stay']);
    assert.deepEqual(ids(diff.nowSkipped), ['skipnow']);
    assert.deepEqual(ids(diff.added), ['added-ok', 'brand-new']);
    assert.deepEqual(ids(diff.removed), ['gone']);
    assert.equal(diff.newFailures.find((e) => e.result.caseId === 'regress')?.was, 'passed');
  });

  it('counts only MUST, unwaived new failures as blocking', () => {
    assert.equal(diff.blockingNewFailures, 2);
    const waived = diffReports([at('x', 'passed')], [at('x', 'failed', { waived: { reason: 'known', expires: '2099-01-01' } })]);
    assert.equal(waived.newFailures.length, 1);
    assert.equal(waived.blockingNewFailures, 0);
  });

  it('lets the worst outcome speak for a key a run holds twice', () => {
    const twice = diffReports([at('k', 'passed')], [at('k', 'passed'), at('k', 'failed')]);
    assert.equal(twice.newFailures.length, 1);
  });

  it('reads well: new failures first with was/now and the message, a final count line', () => {
    const text = formatDiff(diff, { base: 'base/ctrf.json', current: 'current/ctrf.json' });
    assert.ok(text.indexOf('NEW FAILURES (3):') < text.indexOf('still failing (1):'));
    assert.match(text, /device\.returnData\.fidelity \[regress\] azure-iot-provisioning-device https ga: was passed, now failed: regress failed/);
    assert.match(text, /\[brand-new\] .*: new check, now failed \[SHOULD\]/);
    assert.match(text, /removed \(1 results only in base\): device\.returnData\.fidelity \(1 result\)/);
    assert.match(text, /FAIL: 3 new failures \(2 blocking\), 1 still failing, 1 fixed, 2 added, 1 removed\n$/);
  });
});
