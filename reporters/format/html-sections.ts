import { createHash } from 'node:crypto';
import type { CheckResult } from '../../src/results/check-result.js';
import { countOutcomes, groupBy, rowKey } from '../../src/results/summarise-results.js';
import { htmlText } from './html-escape.js';
import { describeValue, truncateText } from './text-limits.js';

/** Per value in the page; the whole value is in ctrf.json. */
const MAX_VALUE_CHARS = 20_000;

/** The family a check belongs to: its id without the last segment (`webhook.response.schema` -> `webhook.response`). */
export function checkFamily(checkId: string): string {
  const cut = checkId.lastIndexOf('.');
  return cut > 0 ? checkId.slice(0, cut) : checkId;
}

/** A stable id for a matrix cell that holds no implementation text (the text is hashed). */
const anchor = (family: string, column: string): string => `r-${createHash('sha256').update(`${family}\n${column}`).digest('hex').slice(0, 20)}`;

function cellClass(results: CheckResult[]): string {
  const c = countOutcomes(results);
  if (c.blocking > 0) return 'fail';
  if (c.failed + c.errored > 0) return 'warn';
  if (c.passed === 0) return 'skip';
  return 'pass';
}

/** The compatibility matrix: check families down, implementation x transport x dialect across; cells link to their results. */
export function htmlMatrix(results: readonly CheckResult[]): string {
  const columns = [...groupBy(results, rowKey).keys()];
  const families = groupBy(results, (r) => checkFamily(r.checkId));
  const head = `<tr><th>check family</th>${columns.map((c) => `<th>${htmlText(c)}</th>`).join('')}</tr>`;
  const rows = [...families].map(([family, group]) => {
    const byColumn = groupBy(group, rowKey);
    const cells = columns.map((column) => {
      const cell = byColumn.get(column);
      if (!cell) return '<td class="none">–</td>';
      const c = countOutcomes(cell);
      return `<td class="${cellClass(cell)}"><a href="#${anchor(family, column)}">${c.passed}/${c.total}</a></td>`;
    });
    return `<tr><th>${htmlText(family)}</th>${cells.join('')}</tr>`;
  });
  return `<table class="matrix">${head}${rows.join('')}</table>`;
}

function valueBlock(label: string, value: unknown): string {
  return `<h5>${label}</h5><pre>${htmlText(truncateText(describeValue(value), MAX_VALUE_CHARS))}</pre>`;
}

function resultDetail(result: CheckResult): string {
  const facts = [`case ${result.caseId}`, result.level, result.outcome, result.mismatch ?? '', result.harnessFault ? 'harness fault' : ''];
  if (result.waived) facts.push(`waived until ${result.waived.expires}: ${result.waived.reason}`);
  const summary = `<summary><span class="${result.outcome}">${result.outcome}</span> ${htmlText(result.checkId)} [${htmlText(result.caseId)}]: ${htmlText(result.message)}</summary>`;
  const body = [`<p>${htmlText(facts.filter(Boolean).join(' · '))}</p>`];
  if ('expected' in result) body.push(valueBlock('expected', result.expected));
  if ('actual' in result) body.push(valueBlock('actual', result.actual));
  if (result.evidence !== undefined) body.push(valueBlock('evidence', result.evidence));
  return `<details${result.outcome === 'passed' ? '' : ' open'}>${summary}${body.join('')}</details>`;
}

/** One section per matrix cell (family x column), failures first, each result expandable to its evidence. */
export function htmlDrillDown(results: readonly CheckResult[], orderedForDisplay: (r: readonly CheckResult[]) => CheckResult[]): string {
  const sections: string[] = [];
  for (const [family, group] of groupBy(results, (r) => checkFamily(r.checkId))) {
    for (const [column, cell] of groupBy(group, rowKey)) {
      const items = orderedForDisplay(cell).map(resultDetail).join('');
      sections.push(`<section id="${anchor(family, column)}"><h3>${htmlText(family)} · ${htmlText(column)}</h3>${items}</section>`);
    }
  }
  return sections.join('\n');
}
