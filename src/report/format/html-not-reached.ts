import type { CheckResult } from '../../results/check-result.js';
import { clipLine } from './clip-line.js';
import { htmlText } from './html-escape.js';
import { notReachedGroups } from './not-reached.js';

const MAX_CASES = 12;

/**
 * The results a failure stopped (docs/contract/reports.md "Not reached"), one row per implementation
 * and blocking check: counted apart, never among the failures, naming what blocked them.
 */
export function htmlNotReached(results: readonly CheckResult[]): string {
  const groups = notReachedGroups(results);
  if (groups.length === 0) return '';
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const rows = groups.map((g) => {
    const cases = `${g.caseIds.slice(0, MAX_CASES).join(', ')}${g.caseIds.length > MAX_CASES ? `, and ${g.caseIds.length - MAX_CASES} more` : ''}`;
    return `<tr><td>${htmlText(clipLine(g.implementation, 120))}</td><td><code>${htmlText(g.blockedBy)}</code></td><td>${htmlText(g.checkIds.join(', '))}<br><small>${g.level === 'MUST' ? 'MUST checks not judged' : 'SHOULD checks not judged'}</small></td><td>${g.count}</td><td>${htmlText(clipLine(cases, 400))}<br><small>${htmlText(clipLine(g.reason, 200))}</small></td></tr>`;
  });
  return `<h2 id="not-reached">Not reached (${total} results: a failure stopped them; neither passed nor failed)</h2>
<table class="not-reached"><colgroup><col style="width:16%"><col style="width:16%"><col style="width:24%"><col style="width:6%"><col></colgroup><thead><tr><th scope="col">implementation</th><th scope="col">blocked by</th><th scope="col">checks not reached</th><th scope="col">results</th><th scope="col">cases · why</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
