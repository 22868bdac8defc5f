import type { CheckResult } from '../../results/check-result.js';
import { groupBy } from '../../results/summarise-results.js';
import { clipLine } from './clip-line.js';
import { implementationLabel } from './implementation-label.js';
import { whereLine } from './cause-labels.js';
import type { Cause } from './group-by-cause.js';
import { passRateChart } from './html-charts.js';
import { htmlText } from './html-escape.js';
import { mustPassPercent, mustRateText, summariseImplementations, type ImplementationSummary } from './implementation-summary.js';
import { rootCauseName } from './root-causes.js';
import { safeHttpUrl } from './safe-url.js';
import { displayCountsOf } from './verdict.js';

const TOP_CAUSES = 3;
const MARK = { pass: '✓', fail: '✗', 'not run': '○' } as const;

/** A cause in one line: check, the crash line or the first result's message, and how many results it hit. */
export function causeLine(group: Cause): string {
  const checks = group.checkIds.length > 1 ? `${group.checkId} and ${group.checkIds.length - 1} other checks` : group.checkId;
  return `${checks}: ${group.crash ?? group.firstResult.message} (${group.count} result${group.count === 1 ? '' : 's'})`;
}

/** The name cell: the display name, the package coordinate under it (and whole in a tooltip), and a link to its notes. */
function nameCell(summary: ImplementationSummary): string {
  const coordinate = summary.coordinate === summary.label ? '' : `<br><small class="coordinate">${htmlText(summary.coordinate)}</small>`;
  const url = safeHttpUrl(summary.docsUrl);
  const docs = url === undefined ? '' : `<br><a class="docs" href="${htmlText(url)}">README: its failures explained</a>`;
  return `<th scope="row" title="${htmlText(summary.coordinate)}">${htmlText(clipLine(summary.label, 120))}${coordinate}${docs}</th>`;
}

/**
 * The headline: one row per implementation with its verdict, MUST pass rate and root causes (each with
 * its level and a link to its entry), and a pass-rate chart. `causeIds` maps each cause to its anchor.
 */
export function htmlHeadline(results: readonly CheckResult[], groups: readonly Cause[], causeIds: ReadonlyMap<Cause, string>): string {
  const summaries = summariseImplementations(results);
  const byLabel = groupBy(results, implementationLabel);
  const rows = summaries.map((summary) => {
    // a harness fault is the harness's, never a root cause of the implementation
    const own = groups.filter((g) => g.implementation === summary.label && g.firstResult.harnessFault !== true);
    const causes = own.slice(0, TOP_CAUSES).map((g) => {
      const id = causeIds.get(g);
      const level = `<span class="level ${g.level}">${g.level}</span>`;
      const text = htmlText(clipLine(g.crash === undefined ? `${rootCauseName(g)}: ${g.firstResult.message}` : rootCauseName(g), 200));
      return `<li>${level} ${id ? `<a href="#${id}">${text}</a>` : text} <small>${htmlText(clipLine(whereLine(g), 200))}</small></li>`;
    });
    if (own.length > TOP_CAUSES) causes.push(`<li><small>and ${own.length - TOP_CAUSES} more causes below</small></li>`);
    const why = summary.notRunReason === undefined ? '' : `<br><small>${htmlText(clipLine(summary.notRunReason, 200))}</small>`;
    const c = displayCountsOf(byLabel.get(summary.label) ?? []);
    const counts = [`${c.passed} passed`, `${c.failed} failed`, `${c.errored} errored`, ...(c.waived > 0 ? [`${c.waived} waived`] : []), `${c.skipped} skipped`, ...(c.notReached > 0 ? [`${c.notReached} not reached`] : [])].join(' · ');
    return `<tr class="${summary.verdict.replace(' ', '-')}">${nameCell(summary)}`
      + `<td class="verdict-cell"><span class="mark">${MARK[summary.verdict]}</span> <b>${summary.verdict.toUpperCase()}</b></td>`
      + `<td>${htmlText(mustRateText(summary))}<br><small>${htmlText(counts)}</small>${why}</td>`
      + `<td>${causes.length > 0 ? `<ul class="causes">${causes.join('')}</ul>` : '<span class="none">no failures</span>'}</td></tr>`;
  });
  const chart = passRateChart(summaries.map((s) => ({ label: s.label, percent: mustPassPercent(s) })), 'MUST pass rate per implementation');
  return `<table id="headline" class="headline"><colgroup><col style="width:22%"><col style="width:9%"><col style="width:18%"><col></colgroup><thead><tr><th scope="col">implementation</th><th scope="col">verdict</th><th scope="col">MUST pass rate</th><th scope="col">root causes</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>\n<figure>${chart}<figcaption>MUST pass rate per implementation</figcaption></figure>`;
}
