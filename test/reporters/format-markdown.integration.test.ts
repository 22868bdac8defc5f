/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import assert from 'node:assert/strict';
import { formatMarkdown } from '../../src/report/format/format-markdown.js';
import { mdFence, mdText } from '../../src/report/format/markdown-escape.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { NASTY, mixedResults, result, runInfo } from './sample-results.js';

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

describe('formatMarkdown', function () {
  // the 100k-result cases take seconds of CPU; a loaded machine must not turn that into a failure
  this.timeout(180_000);
  it('leads with the verdict, the declaration and a line per implementation, then failures by cause, then the rest, badges last', () => {
    const md = formatMarkdown(mixedResults(), runInfo);
    assert.match(md, /^# dps-conformance device: ❌ FAIL/);
    assert.match(md, /FAIL: 2 blocking/);
    const order = [
      '## Declared and signed', '## Verdict per implementation', '## Failures by cause', '### Blocking failures (MUST failed)', '### Blocking errors',
      '### SHOULD failures', '## Waived', '## Skipped', '## Results by', '## Passed', '## Badges',
    ].map((h) => md.indexOf(h));
    assert.ok(order.every((index) => index >= 0), String(order));
    assert.deepEqual([...order].sort((a, b) => a - b), order);
    // a harness fault is never an implementation's root cause
    assert.match(md, /^- ❌ \*\*azure-iot-provisioning-device@1\.9\.1\*\*: FAIL · 33% MUST \(1\/3\) · root causes: device\.payload\.size \(SHOULD, 1 case\) · and 1 harness fault/m);
    assert.match(md, /\| ❌ \| azure-iot-provisioning-device@1\.9\.1 \| https \| ga \| 1 \| 0 \| 1 \| 1 \| 0 \|/, 'the waived result has its own column');
    assert.equal(md.match(/Failures by cause/g)?.length, 1);
  });

  it('says PASS when no MUST check failed', () => {
    const md = formatMarkdown([result(), result({ level: 'SHOULD', outcome: 'failed' })], runInfo);
    assert.match(md, /✅ PASS/);
  });

  it('stays under the cap with 100k results and says how many failures it left out', () => {
    const letters = (n: number): string => n.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
    const results: CheckResult[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const outcome = i % 2 === 0 ? 'failed' : 'passed';
      // a distinct word per result: 50 000 causes, too many to show
      results.push(result({ checkId: `check.${i % 50}`, caseId: `case-${i}`, outcome, message: `got ${NASTY} ${letters(i)}`, expected: { i }, actual: NASTY }));
    }
    const md = formatMarkdown(results, runInfo);
    assert.ok(bytes(md) <= 1024 * 1024, `${bytes(md)} bytes`);
    assert.ok(md.split('\n').length <= 1000, `${md.split('\n').length} lines`);
    const match = /… (\d+) more causes \((\d+) results\) not shown; report\.html lists them all/.exec(md);
    assert.ok(match, 'no truncation note');
    const shown = (md.match(/^(#### |- \*\*)\d+\./gm) ?? []).length;
    assert.equal(shown + Number(match[1]), 50_000);
    assert.match(md, /^## Results by implementation/m, 'the table is kept, after the causes');
    assert.match(md, /^## Passed \(50000\)/m);
  });

  it('groups results by cause: one block per check and message shape, each affected case listed once', () => {
    const results: CheckResult[] = [];
    for (let i = 0; i < 2_000; i += 1) {
      results.push(result({ checkId: 'webhook.response.status', caseId: `case-${i}`, outcome: 'failed', message: `case-${i} (ga): expected HTTP 200, got HTTP 500 with body "boom ${i}"` }));
    }
    results.push(result({ checkId: 'webhook.response.status', caseId: 'case-0', outcome: 'failed', message: 'case-0 (ga): expected HTTP 200, got HTTP 500 with body "boom 0"' }));
    results.push(result({ checkId: 'other.check', caseId: 'all-cases', outcome: 'skipped', message: 'ga: not judged: no key' }));
    const md = formatMarkdown(results, runInfo);
    assert.equal((md.match(/^#### /gm) ?? []).length, 1, md.slice(0, 2000));
    assert.match(md, /#### 1\. webhook\.response\.status · MUST · failed\n\nazure-iot-provisioning-device@1\.9\.1 · 2000 cases · https · ga · 2001 results/);
    assert.match(md, /cases \(2000\): case-0 · case-1 · /);
    assert.match(md, /… and 1992 more/);
    assert.match(md, /^- other\.check · MUST · azure-iot-provisioning-device@1\.9\.1 · run-wide: ga: not judged: no key/m);
    assert.ok(bytes(md) < 20_000, `${bytes(md)} bytes for one cause`);
  });

  it('says run-wide once for a run-wide cause (on its where line, with no case list repeating it)', () => {
    const md = formatMarkdown([result({ checkId: 'e2e.allocation.accepts', caseId: 'all-cases', outcome: 'failed', message: 'run-wide (ga): expected the webhook to assign some device, it refused all 12' })], runInfo);
    const block = md.slice(md.indexOf('#### 1.'));
    assert.match(block, /^azure-iot-provisioning-device@1\.9\.1 · run-wide · https · ga/m);
    assert.equal((block.match(/run-wide/g) ?? []).length, 2, `the where line and the message only:\n${block}`);
    assert.doesNotMatch(block, /^- (where|cases)/m);
  });

  it('holds a small cap exactly, even when the header alone is larger', () => {
    for (const maxBytes of [300, 2000, 5000]) {
      const md = formatMarkdown(mixedResults(), runInfo, { maxBytes });
      assert.ok(bytes(md) <= maxBytes, `${bytes(md)} > ${maxBytes}`);
    }
  });

  it('keeps pipes, backticks, HTML and newlines from an implementation from breaking the table or injecting markup', () => {
    const evil = result({ implementation: { name: NASTY }, outcome: 'failed', caseId: NASTY, message: NASTY, actual: '```\n<img src=x onerror=alert(1)>' });
    const md = formatMarkdown([evil], runInfo);
    // inside a fenced block `<img>` is shown as code; outside every fence there is no markup at all
    const outsideFences = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    assert.match(md, /^````text\n```\n<img src=x onerror=alert\(1\)>\n````$/m);
    assert.doesNotMatch(outsideFences, /<|```/);
    assert.doesNotMatch(md, /\ud800/);
    const row = md.split('\n').find((line) => line.startsWith('| ❌'));
    assert.ok(row);
    // a table row has 9 unescaped pipes for 8 cells, whatever the name holds
    assert.equal((row.match(/(?<!\\)\|/g) ?? []).length, 9);
    assert.doesNotMatch(md, /\u0000/);
  });

  it('escapes inline text and fences code so that the content cannot close the fence', () => {
    assert.equal(mdText('a|b\n<i>`'), 'a\\|b ↵ &lt;i&gt;\\`');
    const fenced = mdFence('x\n````\ny', 'text');
    assert.ok(fenced.startsWith('`````text\n'));
    assert.ok(fenced.endsWith('\n`````'));
  });
});
