import type { CheckResult } from '../../results/check-result.js';
import { clipLine } from './clip-line.js';
import { whereLine } from './cause-labels.js';
import type { Cause } from './group-by-cause.js';
import { passRateChart } from './html-charts.js';
import { htmlText } from './html-escape.js';
import { mustPassPercent, summariseImplementations } from './implementation-summary.js';

const TOP_CAUSES = 3;
const MARK = { pass: '✓', fail: '✗', 'not run': '○' } as const;

/** A cause in one line: check, the crash line or the first result's message, and how many results it hit. */
export function causeLine(group: Cause): string {
  const checks = group.checkIds.length > 1 ? `${group.checkId} and ${group.checkIds.length - 1} other checks` : group.checkId;
  return `${checks}: ${group.crash ?? group.firstResult.message} (${group.count} result${group.count === 1 ? '' : 's'})`;
}

/**
 * The headline: one row per implementation with its verdict, MUST pass rate and top causes (each a
 * link to its entry), and a pass-rate chart. `causeIds` maps each group to its anchor.
 */
export function htmlHeadline(results: readonly CheckResult[], groups: readonly Cause[], causeIds: ReadonlyMap<Cause, string>): string {
  const summaries = summariseImplementations(results);
  const rows = summaries.map((summary) => {
    const percent = mustPassPercent(summary);
    const rate = percent === undefined ? 'no MUST check ran' : `${percent}% MUST (${summary.mustPassed}/${summary.mustRan})`;
    const own = groups.filter((g) => g.affected.some((a) => a.implementation === summary.label));
    const causes = own.slice(0, TOP_CAUSES).map((g) => {
      const id = causeIds.get(g);
      const text = htmlText(clipLine(causeLine(g), 200));
      return `<li>${id ? `<a href="#${id}">${text}</a>` : text} <small>${htmlText(whereLine(g))}</small></li>`;
    });
    if (own.length > TOP_CAUSES) causes.push(`<li><small>and ${own.length - TOP_CAUSES} more causes below</small></li>`);
    const why = summary.notRunReason === undefined ? '' : `<br><small>${htmlText(clipLine(summary.notRunReason, 200))}</small>`;
    const c = summary.counts;
    const counts = `${c.passed} passed · ${c.failed} failed · ${c.errored} errored · ${c.skipped} skipped`;
    return `<tr class="${summary.verdict.replace(' ', '-')}"><th scope="row">${htmlText(clipLine(summary.label, 120))}</th>`
      + `<td class="verdict-cell"><span class="mark">${MARK[summary.verdict]}</span> <b>${summary.verdict.toUpperCase()}</b></td>`
      + `<td>${htmlText(rate)}<br><small>${htmlText(counts)}</small>${why}</td>`
      + `<td>${causes.length > 0 ? `<ul class="causes">${causes.join('')}</ul>` : '<span class="none">no failures</span>'}</td></tr>`;
  });
  const chart = passRateChart(summaries.map((s) => ({ label: s.label, percent: mustPassPercent(s) })), 'MUST pass rate per implementation');
  return `<table id="headline" class="headline"><colgroup><col style="width:22%"><col style="width:9%"><col style="width:18%"><col></colgroup><thead><tr><th scope="col">implementation</th><th scope="col">verdict</th><th scope="col">MUST pass rate</th><th scope="col">top causes</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>\n<figure>${chart}<figcaption>MUST pass rate per implementation</figcaption></figure>`;
}
