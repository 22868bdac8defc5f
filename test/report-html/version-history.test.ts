import assert from 'node:assert/strict';
import { formatHtml } from '../../src/report/format/format-html.js';
import { compareVersions, versionHistories } from '../../src/report/format/version-history.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { fakeRunInfo } from './fake-results.js';

const at = (version: string, checkId: string, outcome: CheckResult['outcome']): CheckResult => ({
  checkId, level: 'MUST', outcome, dialect: 'ga', transport: 'mqtt', caseId: 'nested-object',
  implementation: { name: 'azure-iot-provisioning-device', version }, message: outcome === 'passed' ? 'as expected' : 'expected x, got y',
});

describe('history across versions (merged reports)', () => {
  it('orders versions by their numbers', () => {
    assert.deepEqual(['1.10.0', '1.9.1', '1.9.0', '2.0.0-beta'].sort(compareVersions), ['1.9.0', '1.9.1', '1.10.0', '2.0.0-beta']);
  });

  it('says what broke and what was fixed between two versions of one implementation', () => {
    const results = [
      at('1.9.1', 'device.returnData.fidelity', 'failed'), at('1.9.1', 'device.result.status', 'passed'),
      at('1.9.0', 'device.returnData.fidelity', 'passed'), at('1.9.0', 'device.result.status', 'errored'),
      { ...at('1.0.0', 'device.result.status', 'passed'), implementation: { name: 'reference-device', version: '1.0.0' } },
    ];
    const histories = versionHistories(results);
    assert.equal(histories.length, 1, 'an implementation seen in one version has no history');
    const [step0, step1] = histories[0]?.steps ?? [];
    assert.equal(step0?.version, '1.9.0');
    assert.deepEqual(step1?.broke, ['device.returnData.fidelity [nested-object] mqtt ga']);
    assert.deepEqual(step1?.fixed, ['device.result.status [nested-object] mqtt ga']);
    const html = formatHtml(results, { ...fakeRunInfo, command: 'report merge' });
    assert.match(html, /<h2 id="history">History across versions<\/h2>/);
    assert.match(html, /newly failing: 1/);
  });

  it('has no history section for a single run', () => {
    assert.doesNotMatch(formatHtml([at('1.9.1', 'device.result.status', 'passed')], fakeRunInfo), /id="history"/);
  });
});
