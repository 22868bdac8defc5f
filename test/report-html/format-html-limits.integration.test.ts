import assert from 'node:assert/strict';
import { checkFamily } from '../../src/report/format/check-family.js';
import { formatHtml } from '../../src/report/format/format-html.js';
import { failureCauses, waivedCauses } from '../../src/report/format/group-by-cause.js';
import { cellStatus } from '../../src/report/format/html-cell-status.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { countOutcomes } from '../../src/results/summarise-results.js';
import { ONE_FAILURE, fakeResults, fakeRunInfo } from './fake-results.js';

const base = ONE_FAILURE;

const entries = (html: string): number => html.match(/<details id="cause-/g)?.length ?? 0;

describe('report.html content and limits (no browser)', function () {
  // the 100k-result cases take seconds of CPU; a loaded machine must not turn that into a failure
  this.timeout(180_000);
  it('names a check family by the check id up to its second dot', () => {
    assert.equal(checkFamily('webhook.response.schema'), 'webhook.response');
    assert.equal(checkFamily('device.returnData.fidelity.nested'), 'device.returnData');
    assert.equal(checkFamily('webhook.reachable'), 'webhook.reachable');
    assert.equal(checkFamily('standalone'), 'standalone');
  });

  it('reads a cell as fail only when something blocks, partial for SHOULD or waived failures', () => {
    const status = (results: CheckResult[]): string => cellStatus(countOutcomes(results));
    assert.equal(status([{ ...base, outcome: 'passed' }]), 'pass');
    assert.equal(status([{ ...base, outcome: 'passed' }, { ...base, outcome: 'skipped' }]), 'pass');
    assert.equal(status([{ ...base, outcome: 'passed' }, base]), 'fail');
    assert.equal(status([{ ...base, outcome: 'errored' }]), 'fail');
    assert.equal(status([{ ...base, outcome: 'passed' }, { ...base, level: 'SHOULD' }]), 'partial');
    assert.equal(status([{ ...base, waived: { reason: 'known', expires: '2099-01-01' } }]), 'partial');
    assert.equal(status([{ ...base, outcome: 'skipped' }]), 'skipped');
  });

  it('says PASS and that nothing failed when every MUST check passed', () => {
    const html = formatHtml([{ ...base, outcome: 'passed' }, { ...base, level: 'SHOULD', outcome: 'skipped' }], fakeRunInfo);
    assert.match(html, /<title>dps-conformance run: PASS<\/title>/);
    assert.match(html, /<p class="verdict pass" id="verdict"><b>✓ PASS<\/b> every MUST check passed/);
    assert.match(html, /No failed or errored results\./);
    assert.equal(entries(html), 0);
  });

  it('gives an entry to each cause of failed, errored and waived results only', () => {
    const html = formatHtml(fakeResults(), fakeRunInfo);
    assert.equal(entries(html), failureCauses(fakeResults()).length + waivedCauses(fakeResults()).length);
    assert.doesNotMatch(html, /class="badge (passed|skipped)"/);
    assert.match(html, /Waived: accepted failures, not counted as failures: 1 cause/);
  });

  it('caps evidence per result and says the rest is in ctrf.json', () => {
    const html = formatHtml([{ ...base, evidence: 'x'.repeat(100_000), actual: 'y'.repeat(100_000) }], fakeRunInfo);
    assert.ok(!html.includes('x'.repeat(16 * 1024 + 1)));
    assert.ok(html.includes('x'.repeat(16 * 1024)));
    assert.match(html, /… \(\d+ more characters\); the whole value is in ctrf\.json<\/pre>/);
    assert.ok(html.length < 40_000, `${html.length} characters`);
  });

  it('caps the number of cause entries and says how many were left out', () => {
    const results = Array.from({ length: 10 }, (_, i) => ({ ...base, checkId: `device.check.c${'x'.repeat(i)}`, caseId: `case-${i}` }));
    const html = formatHtml(results, fakeRunInfo, { htmlLimits: { maxEntries: 3 } });
    assert.equal(entries(html), 3);
    assert.match(html, /Showing 3 of 10 causes; 7 more are not shown here/);
    assert.match(html, /Blocking failures \(MUST failed\): 10 causes, 10 results <span class="note">\(7 not shown\)<\/span>/);
  });

  it('lists one case once in a cause that hit it, and caps the affected rows', () => {
    const results = Array.from({ length: 30 }, (_, i) => ({ ...base, caseId: `case-${i}` }));
    const html = formatHtml(results, fakeRunInfo, { htmlLimits: { maxAffectedRows: 5 } });
    assert.equal(entries(html), 1);
    assert.equal(html.match(/<table class="affected">[\s\S]*?<\/table>/)?.[0].match(/<tr>/g)?.length, 6);
    assert.match(html, /and 25 more cases; every result is in ctrf\.json/);
  });

  it('keeps 100k results with large evidence to a page of a few MB: its size follows causes, not results', () => {
    const evidence = { exchange: 'e'.repeat(20_000) };
    const results: CheckResult[] = Array.from({ length: 100_000 }, (_, i) => ({
      ...base,
      checkId: ['device.register.status', 'device.returnData.fidelity', 'webhook.response.schema'][i % 3] ?? 'x.y',
      level: i % 7 === 0 ? 'SHOULD' : 'MUST',
      outcome: i % 2 === 0 ? 'passed' : 'failed',
      implementation: { name: `impl-${i % 5}`, version: '1.0.0' },
      transport: i % 4 < 2 ? 'https' : 'mqtt',
      caseId: `case-${i}`,
      message: `expected returnData unchanged, got defect ${i % 4000}x`,
      evidence,
    }));
    const html = formatHtml(results, fakeRunInfo);
    assert.ok(html.length < 3 * 1024 * 1024, `${html.length} characters`);
    const causes = failureCauses(results).length;
    const shown = entries(html);
    assert.ok(shown > 50 && shown <= 500, `${shown} entries`);
    assert.match(html, new RegExp(`Showing ${shown} of ${causes} causes; ${causes - shown} more are not shown here`));
    assert.ok(html.indexOf('Blocking failures') < html.indexOf('SHOULD failures'));
    assert.equal(html.match(/<table class="matrix"[\s\S]*?<\/table>/g)?.join('').match(/<tr>/g)?.length, 2 * 10 + 2, 'two parties x 10 rows, plus their head rows');
  });
});
