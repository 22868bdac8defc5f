import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { formatConsoleCauses, formatSkippedCounts } from '../../src/report/format/format-console-causes.js';
import { formatConsoleSummary } from '../../src/report/format/format-console-summary.js';
import { formatCtrf } from '../../src/report/format/format-ctrf.js';
import { formatHtml } from '../../src/report/format/format-html.js';
import { formatJunit } from '../../src/report/format/format-junit.js';
import { formatMarkdown } from '../../src/report/format/format-markdown.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { result, runInfo } from './sample-results.js';

/** One refused register request per case, and the checks it stopped, as the device suite records them. */
function refusedCases(): CheckResult[] {
  return ['data-flat', 'text-cjk'].flatMap((caseId) => [
    result({ checkId: 'device.request.body', caseId, outcome: 'failed', mismatch: 'unknown-member', message: `${caseId} (ga): DPS refused the register request: 400012, top-level member "modelId" is not in the envelope` }),
    ...['device.result.status', 'device.result.assignment', 'device.returnData.fidelity'].map((checkId) =>
      result({ checkId, caseId, outcome: 'skipped', blockedBy: 'device.request.body', message: 'not reached: DPS refused the register request' })),
  ]);
}

describe('results not reached read the same in every report: never a failure, counted apart, naming what blocked them', () => {
  const results = [...refusedCases(), result({ checkId: 'device.amqp', transport: 'amqp', outcome: 'skipped', message: 'transport amqp is not served' })];

  it('console: one cause, a Not reached line naming the blocking check, a column of its own', () => {
    const causes = formatConsoleCauses(results);
    assert.equal(causes[0], 'Failures by cause (1 cause, 2 results):');
    assert.ok(causes.includes('Not reached (a failure above stopped them; neither passed nor failed): 6 results'), causes.join('\n'));
    assert.ok(causes.includes('  azure-iot-provisioning-device@1.9.1: blocked by device.request.body: 3 checks not reached in 2 cases (6 results)'));
    assert.deepEqual(formatSkippedCounts(results), ['skipped: 1 (1 transport amqp is not served; --reporter verbose lists them)']);
    const table = formatConsoleSummary(results, runInfo);
    assert.match(table, /^implementation\s+transport\s+dialect\s+passed\s+failed\s+errored\s+skipped\s+not reached$/m);
    assert.match(table, /^azure-iot-provisioning-device@1\.9\.1\s+https\s+ga\s+0\s+2\s+0\s+0\s+6$/m);
    assert.match(table, /9 results: 0 passed, 2 failed, 0 errored, 1 skipped, 6 not reached$/m);
  });

  it('summary.md: the cause once, a Not reached section apart from failures and skips', () => {
    const md = formatMarkdown(results, runInfo);
    assert.match(md, /## Failures by cause \(1 cause, 2 results\)/);
    assert.match(md, /## Not reached \(6 results: a failure above stopped them; neither passed nor failed\)\n\n- azure-iot-provisioning-device@1\.9\.1: blocked by device\.request\.body: 3 checks not reached in 2 cases \(6 results\) \(MUST checks not judged\)/);
    assert.match(md, /## Skipped \(1 cause, 1 result\)/);
    assert.match(md, /\| ❌ \| azure-iot-provisioning-device@1\.9\.1 \| https \| ga \| 0 \| 2 \| 0 \| 0 \| 6 \|/);
  });

  it('report.html: a Not reached section, and the matrix cell counts them apart', () => {
    const html = formatHtml(results, runInfo);
    assert.match(html, /<h2 id="not-reached">Not reached \(6 results: a failure stopped them; neither passed nor failed\)<\/h2>/);
    assert.match(html, /<td><code>device\.request\.body<\/code><\/td><td>device\.result\.assignment, device\.result\.status, device\.returnData\.fidelity/);
    assert.match(html, /0\/2 passed · 2 failed · 6 not reached/);
    assert.equal(html.match(/<details id="cause-/g)?.length, 1);
  });

  it('JUnit: a skipped testcase saying not reached and by what, never a failure', () => {
    const xml = formatJunit(results, runInfo);
    const suites = (new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(xml) as {
      testsuites: { testsuite: Array<{ '@_failures': string; '@_skipped': string; testcase: Array<{ '@_classname': string; skipped?: { '@_message': string } }> }> };
    }).testsuites.testsuite;
    const https = suites[0];
    assert.equal(https?.['@_failures'], '2');
    assert.equal(https?.['@_skipped'], '6');
    const status = https?.testcase.find((t) => t['@_classname'] === 'device.result.status');
    assert.equal(status?.skipped?.['@_message'], 'not reached: blocked by device.request.body: not reached: DPS refused the register request');
  });

  it('CTRF: skipped with extra.blockedBy', () => {
    const tests = formatCtrf(results, runInfo).results.tests;
    const blocked = tests.filter((t) => t.extra?.['blockedBy'] === 'device.request.body');
    assert.equal(blocked.length, 6);
    assert.ok(blocked.every((t) => t.status === 'skipped'));
  });
});
