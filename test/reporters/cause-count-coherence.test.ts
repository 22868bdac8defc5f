import assert from 'node:assert/strict';
import { formatConsoleCauses, formatSkippedCounts } from '../../src/report/format/format-console-causes.js';
import { formatHtml } from '../../src/report/format/format-html.js';
import { formatMarkdown } from '../../src/report/format/format-markdown.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { fakeResults } from '../report-html/fake-results.js';
import { fiveImplementations } from '../report-html/five-implementations.js';
import { mixedResults, result, runInfo } from './sample-results.js';

/** The `N causes, M results` each report heads its failures with (undefined when it has none). */
function totals(text: string): string | undefined {
  return /Failures by cause \((\d+ causes?, \d+ results?)\)/.exec(text)?.[1];
}

/** Sums the `(N causes, ...)` of a report's failure section headings. */
function sectionCauses(headings: RegExpMatchArray[]): number {
  return headings.reduce((sum, m) => sum + Number(m[1]), 0);
}

/** Results where the two old groupers disagreed: labels per dialect, one exchange over checks, a part-waived cause. */
function awkwardResults(): CheckResult[] {
  const waived = { reason: 'tracked in #3', expires: '2099-01-01' };
  return [
    ...(['ga', 'preview'] as const).map((dialect) =>
      result({ checkId: 'webhook.robustness.variant', caseId: 'text-cjk', dialect, outcome: 'failed', message: `text-cjk (${dialect}): got it refused: HTTP 400` })),
    ...([['webhook.response.status', 'MUST'], ['webhook.response.time', 'SHOULD']] as const).map(([checkId, level]) =>
      result({ checkId, level, caseId: 'data-flat', outcome: 'errored', mismatch: 'timeout', message: 'data-flat (ga): expected an answer, got no answer within 5000 ms' })),
    result({ checkId: 'device.returnData.fidelity', caseId: 'a', outcome: 'failed', message: 'a (ga): got 2 members changed', waived }),
    result({ checkId: 'device.returnData.fidelity', caseId: 'b', outcome: 'failed', message: 'b (ga): got 3 members changed' }),
    result({ checkId: 'device.payload.size', caseId: 'c', level: 'SHOULD', outcome: 'failed', message: 'too large', waived }),
    result({ checkId: 'device.amqp', outcome: 'skipped', transport: 'amqp', message: 'transport amqp not supported' }),
    result(),
  ];
}

describe('the same failures count as the same causes in summary.md, report.html and the console', () => {
  const sets: Array<[string, () => CheckResult[], string]> = [
    ['five implementations (a crash across every check)', fiveImplementations, '4 causes, 101 results'],
    ['one of each kind', mixedResults, '4 causes, 4 results'],
    ['the report-html fixture', fakeResults, '6 causes, 7 results'],
    ['labels per dialect, one exchange over checks, part waived', awkwardResults, '4 causes, 7 results'],
  ];
  for (const [name, make, expected] of sets) {
    it(name, () => {
      const results = make();
      const md = formatMarkdown(results, runInfo);
      const html = formatHtml(results, runInfo);
      const consoleText = formatConsoleCauses(results).join('\n');
      assert.equal(totals(md), expected, 'summary.md');
      assert.equal(totals(html), expected, 'report.html');
      assert.equal(totals(consoleText), expected, 'console');
      const causes = Number(/^\d+/.exec(expected)?.[0]);
      // each report lists each cause once, in one section
      assert.equal(md.match(/^#### /gm)?.length, causes, 'summary.md blocks');
      assert.equal(html.match(/<details /g)?.length, causes, 'report.html entries');
      assert.equal(sectionCauses([...md.matchAll(/^## (?!Skipped|Results|Passed).* \((\d+) causes?, \d+ results?\)$/gm)]), causes, 'summary.md sections');
      assert.equal(sectionCauses([...html.matchAll(/<h3>[^<]*: (\d+) causes?, \d+ results?/g)]), causes, 'report.html sections');
    });
  }

  it('counts one skip reason once in summary.md and the console, whatever checks and dialects it skipped', () => {
    const skip = (checkId: string, dialect: 'ga' | 'preview', reason: string): CheckResult =>
      result({ checkId, dialect, caseId: 'data-flat', outcome: 'skipped', message: `data-flat (${dialect}): ${reason}` });
    const results = ['webhook.response.status', 'webhook.response.schema', 'webhook.response.time'].flatMap((checkId) => [
      skip(checkId, 'ga', 'not judged: no function key given'),
      skip(checkId, 'preview', 'not judged: no function key given'),
    ]);
    results.push(skip('webhook.returnData.type', 'ga', 'the case sends no returnData'));
    assert.match(formatMarkdown(results, runInfo), /^## Skipped \(2 causes, 7 results\)$/m);
    assert.deepEqual(formatSkippedCounts(results), [
      'skipped: 7 (6 data-flat (ga): not judged: no function key given; 1 data-flat (ga): the case sends no returnData; --reporter verbose lists them)',
    ]);
  });

  it('says nothing of causes in any report when nothing failed', () => {
    const results = [result(), result({ outcome: 'skipped', message: 'not served' })];
    assert.equal(totals(formatMarkdown(results, runInfo)), undefined);
    assert.equal(formatConsoleCauses(results).length, 0);
    assert.match(formatHtml(results, runInfo), /Failures by cause \(0 causes, 0 results\)[\s\S]*No failed or errored results/);
  });
});
