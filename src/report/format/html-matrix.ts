import type { CheckResult } from '../../results/check-result.js';
import { countOutcomes, groupBy } from '../../results/summarise-results.js';
import { checkFamily } from './check-family.js';
import { clipLine } from './clip-line.js';
import { CELL_MARK, cellCounts, cellStatus } from './html-cell-status.js';
import { cellKey, matrixRow } from './html-cell-key.js';
import { htmlText } from './html-escape.js';
import { implementationCoordinate } from './implementation-label.js';
import { displayCountsOf } from './verdict.js';
import { PARTY_TITLE, partyOf, type Party } from './party.js';

/** Long names (a webhook URL, a hostile implementation) must not make the table unreadable. */
const MAX_LABEL_CHARS = 120;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function cell(results: readonly CheckResult[] | undefined, link: string | undefined): string {
  if (!results) return '<td class="none" title="not run">–</td>';
  const status = cellStatus(countOutcomes(results));
  const word = `<span class="mark">${CELL_MARK[status]}</span> <b>${status}</b>`;
  const head = link ? `<a href="#${link}">${word}</a>` : word;
  const text = htmlText(cellCounts(displayCountsOf(results)));
  return `<td class="${status}" title="${status}: ${text}">${head}<br><small>${text}</small></td>`;
}

/** `device.returnData` -> `returnData`: the party is the table's title, so the columns need not repeat it. */
function columnLabel(family: string, party: Party): string {
  return family.startsWith(`${party}.`) ? family.slice(party.length + 1) : family;
}

function partyTable(party: Party, results: readonly CheckResult[], firstCause: ReadonlyMap<string, string>): string {
  const families = [...new Set(results.map((r) => checkFamily(r.checkId)))].sort(byText);
  const head = `<thead><tr><th scope="col">implementation</th><th scope="col" class="upright"><span>transport</span></th><th scope="col" class="upright"><span>dialect</span></th>${families
    .map((f) => `<th scope="col" class="family upright" title="${htmlText(f)}"><span>${htmlText(clipLine(columnLabel(f, party), MAX_LABEL_CHARS))}</span></th>`)
    .join('')}<th scope="col" class="upright"><span>all</span></th></tr></thead>`;
  const byImplementation = [...groupBy(results, (r) => matrixRow(r)[0])].sort(([a], [b]) => byText(a, b));
  const bodies = byImplementation.map(([implementation, own]) => {
    const rows = [...groupBy(own, (r) => JSON.stringify(matrixRow(r)))].sort(([a], [b]) => byText(a, b));
    const trs = rows.map(([, group], index) => {
      const [, transport, dialect] = matrixRow(group[0] as CheckResult);
      const byCell = groupBy(group, cellKey);
      const cells = families.map((family) => {
        const key = JSON.stringify([implementation, transport, dialect, family]);
        return cell(byCell.get(key), firstCause.get(key));
      });
      const firstOfRow = families.map((family) => firstCause.get(JSON.stringify([implementation, transport, dialect, family]))).find((id) => id !== undefined);
      const coordinate = implementationCoordinate(own[0] as CheckResult);
      const name = index === 0 ? `<th scope="rowgroup" rowspan="${rows.length}" class="impl" title="${htmlText(coordinate)}">${htmlText(clipLine(implementation, MAX_LABEL_CHARS))}</th>` : '';
      return `<tr>${name}<th scope="row">${htmlText(transport)}</th><th scope="row">${htmlText(dialect)}</th>${cells.join('')}${cell(group, firstOfRow)}</tr>`;
    });
    return `<tbody>${trs.join('\n')}</tbody>`;
  });
  // the family columns share what the name, transport and dialect columns leave; their headers stand upright (rotated), so no word breaks
  const width = Math.round((1000 * (100 - 27)) / Math.max(1, families.length + 1)) / 1000;
  const cols = `<colgroup><col class="c-impl"><col class="c-row"><col class="c-row">${families.map(() => `<col style="width:${width}%">`).join('')}<col style="width:${width}%"></colgroup>`;
  return `<h3 id="matrix-${party}">${PARTY_TITLE[party]}</h3><table class="matrix" data-party="${party}">${cols}${head}${bodies.join('\n')}</table>`;
}

/**
 * The compatibility matrices, one per party (device implementations against the device and end-to-end
 * families, webhooks against the webhook families): rows implementation x transport x dialect, one
 * column per check family and `all`; a cell says pass / partial / fail / skipped in words and colour with
 * its counts and links to the first cause that hit it (`firstCause`, by cellKey). The table is laid out
 * at the page's width, so it never scrolls sideways.
 */
export function htmlMatrix(results: readonly CheckResult[], firstCause: ReadonlyMap<string, string>): string {
  const parties = groupBy(results, partyOf);
  return (['device', 'webhook', 'other'] as const)
    .filter((party) => parties.has(party))
    .map((party) => partyTable(party, parties.get(party) ?? [], firstCause))
    .join('\n');
}
