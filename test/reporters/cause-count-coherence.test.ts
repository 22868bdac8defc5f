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
  return /Failures by cause \((\d+ causes?, \d+ results?)[;)]/.exec(text)?.[1];
}

/** The `N causes, M results` each report heads its waived results with, apart from the failures. */
function waivedTotals(text: string): string | undefined {
  return /Waived[^(\n]*\([^)\n]*?(\d+ causes?, \d+ results?)\)/.exec(text)?.[1];
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
  // [name, results, failures (not waived), waived]: waived results are counted apart, never among the failures
  const sets: Array<[string, () => CheckResult[], string, string | undefined]> = [
    ['five implementations (a crash across every check)', fiveImplementations, '4 causes, 101 results', undefined],
    ['one of each kind', mixedResults, '3 causes, 3 results', '1 cause, 1 result'],
    ['the report-html fixture', fakeResults, '5 causes, 6 results', '1 cause, 1 result'],
    ['labels per dialect, one exchange over checks, part waived', awkwardResults, '3 causes, 5 results', '2 causes, 2 results'],
  ];
  for (const [name, make, expected, waived] of sets) {
    it(name, () => {
      const results = make();
      const md = formatMarkdown(results, runInfo);
      const html = formatHtml(results, runInfo);
      const consoleText = formatConsoleCauses(results).join('\n');
      assert.equal(totals(md), expected, 'summary.md');
      assert.equal(totals(html), expected, 'report.html');
      assert.equal(totals(consoleText), expected, 'console');
      assert.equal(waivedTotals(md), waived, 'summary.md waived');
      assert.equal(waivedTotals(html), waived, 'report.html waived');
      assert.equal(waivedTotals(consoleText), waived, 'console waived');
      const causes = Number(/^\d+/.exec(expected)?.[0]);
      const waivedCauses = Number(/^\d+/.exec(waived ?? '0')?.[0]);
      // each report lists each cause once, in one section
      assert.equal(md.match(/^#### /gm)?.length, causes, 'summary.md blocks');
      assert.equal(html.match(/<details id="cause-/g)?.length, causes + waivedCauses, 'report.html entries');
      assert.equal(sectionCauses([...md.matchAll(/^### .* \((\d+) causes?, \d+ results?\)$/gm)]), causes, 'summary.md sections');
      assert.equal(sectionCauses([...html.matchAll(/<h3>(?!Waived)[^<]*: (\d+) causes?, \d+ results?/g)]), causes, 'report.html sections');
      assert.equal(md.match(/Failures by cause/g)?.length, 1, 'summary.md says "Failures by cause" once');
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
