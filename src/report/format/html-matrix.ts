import type { CheckResult } from '../../results/check-result.js';
import { countOutcomes, groupBy } from '../../results/summarise-results.js';
import { checkFamily } from './check-family.js';
import { clipLine } from './clip-line.js';
import { CELL_MARK, cellCounts, cellStatus } from './html-cell-status.js';
import { cellKey, matrixRow } from './html-cell-key.js';
import { htmlText } from './html-escape.js';

/** Long names (a webhook URL, a hostile implementation) must not make the table unreadable. */
const MAX_LABEL_CHARS = 120;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The entry that comes first on the page (`d-3` before `d-12`). */
function firstById(ids: ReadonlyArray<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const id of ids) if (id !== undefined && (best === undefined || Number(id.slice(2)) < Number(best.slice(2)))) best = id;
  return best;
}

function cell(results: readonly CheckResult[] | undefined, link: string | undefined): string {
  if (!results) return '<td class="none" title="not run">–</td>';
  const counts = countOutcomes(results);
  const status = cellStatus(counts);
  const word = `<span class="mark">${CELL_MARK[status]}</span> <b>${status}</b>`;
  const head = link ? `<a href="#${link}">${word}</a>` : word;
  return `<td class="${status}">${head}<br><small>${htmlText(cellCounts(counts))}</small></td>`;
}

/**
 * The compatibility matrix: one row per implementation x transport x dialect, one column per check
 * family, and an `all` column; each cell says pass / partial / fail / skipped in words and colour with
 * its counts, and links to its first failure in the drill-down (`firstEntry`, by cellKey).
 */
export function htmlMatrix(results: readonly CheckResult[], firstEntry: ReadonlyMap<string, string>): string {
  const families = [...new Set(results.map((r) => checkFamily(r.checkId)))].sort(byText);
  const rows = [...groupBy(results, (r) => JSON.stringify(matrixRow(r)))].sort(([a], [b]) => byText(a, b));
  const head = `<thead><tr><th>implementation</th><th>transport</th><th>dialect</th>${families.map((f) => `<th>${htmlText(clipLine(f, MAX_LABEL_CHARS))}</th>`).join('')}<th>all</th></tr></thead>`;
  const body = rows.map(([, group]) => {
    const [implementation, transport, dialect] = matrixRow(group[0] as CheckResult);
    const byCell = groupBy(group, cellKey);
    const cells = families.map((family) => {
      const key = JSON.stringify([implementation, transport, dialect, family]);
      return cell(byCell.get(key), firstEntry.get(key));
    });
    const firstOfRow = firstById(group.map((r) => firstEntry.get(cellKey(r))));
    const labels = [implementation, transport, dialect].map((text) => `<th>${htmlText(clipLine(text, MAX_LABEL_CHARS))}</th>`).join('');
    return `<tr>${labels}${cells.join('')}${cell(group, firstOfRow)}</tr>`;
  });
  return `<table id="matrix" class="matrix">${head}<tbody>${body.join('\n')}</tbody></table>`;
}
