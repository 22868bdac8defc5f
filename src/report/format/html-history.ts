import { countOutcomes } from '../../results/summarise-results.js';
import { clipLine } from './clip-line.js';
import { htmlText } from './html-escape.js';
import type { VersionHistory } from './version-history.js';

const MAX_LISTED = 20;

function changes(label: string, keys: readonly string[]): string {
  if (keys.length === 0) return '';
  const items = keys.slice(0, MAX_LISTED).map((key) => `<li><code>${htmlText(clipLine(key, 300))}</code></li>`).join('');
  const more = keys.length > MAX_LISTED ? `<li><small>and ${keys.length - MAX_LISTED} more</small></li>` : '';
  return `<details><summary>${label}: ${keys.length}</summary><ul>${items}${more}</ul></details>`;
}

/** The history section of a merged report: per implementation seen in several versions, what each version changed. */
export function htmlHistory(histories: readonly VersionHistory[]): string {
  if (histories.length === 0) return '';
  const tables = histories.map((history) => {
    const rows = history.steps.map((step, i) => {
      const c = countOutcomes(step.results);
      const must = step.results.filter((r) => r.level === 'MUST' && r.outcome !== 'skipped');
      const passed = must.filter((r) => r.outcome === 'passed').length;
      const rate = must.length === 0 ? 'no MUST ran' : `${Math.floor((passed * 100) / must.length)}% MUST (${passed}/${must.length})`;
      const delta = i === 0 ? '<span class="none">first version seen</span>' : `${changes('newly failing', step.broke)}${changes('fixed', step.fixed)}` || 'no change in shared cases';
      return `<tr><th scope="row">${htmlText(clipLine(step.version || '(no version)', 120))}</th><td>${htmlText(rate)}</td><td>${c.blocking}</td><td>${delta}</td></tr>`;
    });
    return `<h3>${htmlText(clipLine(history.name, 120))}</h3><table class="history"><thead><tr><th scope="col">version</th><th scope="col">MUST pass rate</th><th scope="col">blocking</th><th scope="col">changed since the previous version</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  });
  return `<h2 id="history">History across versions</h2>\n${tables.join('\n')}`;
}
