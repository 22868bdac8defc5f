import { isBlocking, type CheckResult } from '../../results/check-result.js';
import { cellKey } from './html-cell-key.js';
import { clipLine } from './clip-line.js';
import { htmlText } from './html-escape.js';
import { implementationLabel } from './implementation-label.js';
import { describeValue, truncateText } from './text-limits.js';

/** What keeps report.html small enough to open when a run has many large failures; ctrf.json keeps everything. */
export interface DrillDownLimits {
  /** failed or errored results that get a drill-down; the rest are counted in a note */
  maxEntries: number;
  /** evidence per result, in characters */
  maxEvidenceChars: number;
  /** expected and actual per result, in characters */
  maxValueChars: number;
  /** message and implementation name in a summary line, in characters */
  maxLineChars: number;
  /** the whole drill-down, in characters of HTML: large evidence on every entry must not make a huge page */
  maxTotalChars: number;
}

export const DRILL_DOWN_LIMITS: DrillDownLimits = {
  maxEntries: 2000,
  maxEvidenceChars: 16 * 1024,
  maxValueChars: 4 * 1024,
  maxLineChars: 300,
  maxTotalChars: 8 * 1024 * 1024,
};

export interface DrillDown {
  html: string;
  /** matrix cell (cellKey) -> id of its first entry shown, for the matrix links */
  firstEntry: Map<string, string>;
  shown: number;
  /** failed or errored results without a drill-down (over a limit) */
  leftOut: number;
}

interface Group {
  title: string;
  results: CheckResult[];
}

/** Blocking first, in the order a person fixes things; waived last since they were accepted. */
function problemGroups(results: readonly CheckResult[]): Group[] {
  const problem = (r: CheckResult): boolean => r.outcome === 'failed' || r.outcome === 'errored';
  const pick = (test: (r: CheckResult) => boolean): CheckResult[] => results.filter((r) => problem(r) && test(r));
  return [
    { title: 'Blocking failures (MUST failed)', results: pick((r) => isBlocking(r) && r.outcome === 'failed') },
    { title: 'Blocking errors (MUST errored: the target misbehaved or the harness broke)', results: pick((r) => isBlocking(r) && r.outcome === 'errored') },
    { title: 'SHOULD failures (not blocking)', results: pick((r) => !isBlocking(r) && !r.waived && r.outcome === 'failed') },
    { title: 'SHOULD errors (not blocking)', results: pick((r) => !isBlocking(r) && !r.waived && r.outcome === 'errored') },
    { title: 'Waived (accepted failures)', results: pick((r) => r.waived !== undefined) },
  ].filter((g) => g.results.length > 0);
}

function block(text: string, maxChars: number, className: string): string {
  const cut = truncateText(text, maxChars);
  const note = cut.length < text.length ? '; the whole value is in ctrf.json' : '';
  return `<pre class="${className}">${htmlText(cut)}${note}</pre>`;
}

function fact(label: string, value: string): string {
  return `<dt>${label}</dt><dd>${htmlText(value)}</dd>`;
}

function entry(result: CheckResult, id: string, limits: DrillDownLimits): string {
  const implementation = clipLine(implementationLabel(result), limits.maxLineChars);
  const where = `${implementation} · ${result.transport} · ${result.dialect} · case ${clipLine(result.caseId, limits.maxLineChars)}`;
  const summary = `<summary><span class="badge ${result.outcome}">${result.outcome.toUpperCase()}</span> <span class="level">${result.level}</span> <code>${htmlText(clipLine(result.checkId, limits.maxLineChars))}</code> <span class="where">${htmlText(where)}</span><br><span class="msg">${htmlText(clipLine(result.message, limits.maxLineChars))}</span></summary>`;
  const facts = [
    fact('check', result.checkId),
    fact('level', result.level),
    fact('outcome', result.mismatch ? `${result.outcome} (${result.mismatch})` : result.outcome),
    fact('case', result.caseId),
    fact('implementation', implementationLabel(result)),
    fact('transport · dialect', `${result.transport} · ${result.dialect}`),
    fact('message', truncateText(result.message, limits.maxValueChars)),
  ];
  if (result.waived) facts.push(fact('waived', `until ${result.waived.expires}: ${result.waived.reason}`));
  if (result.harnessFault) facts.push(fact('harness fault', 'the harness broke while producing this result, not the target'));
  const parts = [`<dl>${facts.join('')}</dl>`];
  if ('expected' in result || 'actual' in result) {
    const side = (label: string, present: boolean, value: unknown): string =>
      `<div><h4>${label}</h4>${present ? block(describeValue(value), limits.maxValueChars, label) : '<p class="none">not recorded</p>'}</div>`;
    parts.push(`<div class="pair">${side('expected', 'expected' in result, result.expected)}${side('actual', 'actual' in result, result.actual)}</div>`);
  }
  parts.push('<h4>evidence</h4>');
  parts.push(result.evidence === undefined ? '<p class="none">no evidence recorded</p>' : block(describeValue(result.evidence), limits.maxEvidenceChars, 'evidence'));
  return `<details id="${id}" class="entry ${result.outcome}">${summary}${parts.join('')}</details>`;
}

/**
 * The drill-down: every failed or errored result (waived ones included, last) as a `<details>` with
 * check, level, case, expected vs actual and evidence. Passed and skipped results get none: the
 * matrix counts them and ctrf.json holds them. Over a limit, the rest are counted, not shown.
 */
export function htmlDrillDown(results: readonly CheckResult[], limits: DrillDownLimits = DRILL_DOWN_LIMITS): DrillDown {
  const firstEntry = new Map<string, string>();
  const out: string[] = [];
  let size = 0;
  let shown = 0;
  let leftOut = 0;
  for (const group of problemGroups(results)) {
    const items: string[] = [];
    for (const result of group.results) {
      if (shown >= limits.maxEntries || size > limits.maxTotalChars) {
        leftOut += 1;
        continue;
      }
      shown += 1;
      const id = `d-${shown}`;
      const html = entry(result, id, limits);
      size += html.length;
      items.push(html);
      const key = cellKey(result);
      if (!firstEntry.has(key)) firstEntry.set(key, id);
    }
    const notShown = group.results.length - items.length;
    const more = notShown > 0 ? ` <span class="note">(${notShown} not shown)</span>` : '';
    out.push(`<section><h3>${htmlText(group.title)}: ${group.results.length}${more}</h3>${items.join('\n')}</section>`);
  }
  if (leftOut > 0) {
    out.unshift(`<p class="note left-out">Showing ${shown} of ${shown + leftOut} failed or errored results; ${leftOut} more are not shown here, to keep this page small (at most ${limits.maxEntries} entries and about ${Math.round(limits.maxTotalChars / 1024 / 1024)} MB); every result is in ctrf.json.</p>`);
  }
  return { html: out.join('\n'), firstEntry, shown, leftOut };
}
