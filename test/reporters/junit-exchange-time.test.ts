import assert from 'node:assert/strict';
import { formatJunit } from '../../src/report/format/format-junit.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { fakeRunInfo } from '../report-html/fake-results.js';

const result = (checkId: string, caseId: string, extra: Partial<CheckResult>): CheckResult => ({
  checkId, level: 'MUST', outcome: 'passed', dialect: 'ga', transport: 'mqtt', caseId, implementation: { name: 'sdk', version: '1.0.0' }, message: 'ok', ...extra,
});

describe('JUnit time is the time the exchange took', () => {
  it('gives each testcase the exchange time, and counts a case\'s exchange once in the testsuite', () => {
    const xml = formatJunit([
      result('device.result.status', 'a', { durationMs: 0.2, exchangeMs: 1500 }),
      result('device.returnData.fidelity', 'a', { durationMs: 0.1, exchangeMs: 1500 }),
      result('device.result.status', 'b', { durationMs: 0.3, exchangeMs: 500 }),
      result('device.stop', 'stop', { durationMs: 40 }),
    ], fakeRunInfo);
    assert.match(xml, /name="device\.result\.status \[a\]" time="1\.500"/);
    assert.match(xml, /name="device\.returnData\.fidelity \[a\]" time="1\.500"/);
    // a check's own evaluation time measures the harness, not the target: as in ctrf.json, 0
    assert.match(xml, /name="device\.stop \[stop\]" time="0\.000"/, 'no exchange: 0');
    assert.match(xml, /<testsuite [^>]*time="2\.000"/, '1.5 s + 0.5 s, not 1.5 s twice');
  });
});
