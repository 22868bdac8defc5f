import type { CheckResult } from '../../results/check-result.js';
import { isRunWide } from '../../results/run-wide.js';
import { causesBySection, type CauseSection } from './cause-sections.js';
import { causeTotals, causeWhere, checksLabel } from './cause-labels.js';
import { checkFamily } from './check-family.js';
import type { Cause } from './group-by-cause.js';
import { clipLine } from './clip-line.js';
import { htmlText } from './html-escape.js';
import type { HtmlEvidenceStore } from './html-evidence-store.js';
import { lostCharacters } from './lost-characters.js';

import { requestDataOf } from './request-data.js';
import { describeValue, truncateText } from './text-limits.js';

/** What keeps report.html small enough to open when a run has many large failures; ctrf.json keeps everything. */
export interface DrillDownLimits {
  /** causes that get an entry; the rest are counted in a note */
  maxEntries: number;
  /** rows of one cause's table of cases */
  maxAffectedRows: number;
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
  maxEntries: 500,
  maxAffectedRows: 60,
  maxEvidenceChars: 16 * 1024,
  maxValueChars: 4 * 1024,
  maxLineChars: 300,
  maxTotalChars: 600 * 1024,
};

export interface DrillDown {
  html: string;
  /** matrix cell (cellKey) -> anchor of the first cause shown that hit it, for the matrix links */
  firstEntry: Map<string, string>;
  /** each cause shown -> its anchor */
  causeIds: Map<Cause, string>;
  shown: number;
  /** causes without an entry (over a limit) */
  leftOut: number;
}

const TITLES: Record<CauseSection, string> = {
  'blocking-failed': 'Blocking failures (MUST failed)',
  'blocking-errored': 'Blocking errors (MUST errored: the target misbehaved or the harness broke)',
  'should-failed': 'SHOULD failures (not blocking)',
  'should-errored': 'SHOULD errors (not blocking)',
  waived: 'Waived: accepted failures, not counted as failures',
};

function block(text: string, maxChars: number, className: string): string {
  const cut = truncateText(text, maxChars);
  const note = cut.length < text.length ? '; the whole value is in ctrf.json' : '';
  return `<pre class="${className}">${htmlText(cut)}${note}</pre>`;
}

function fact(label: string, value: string): string {
  return `<dt>${label}</dt><dd>${htmlText(value)}</dd>`;
}

/** Characters lost on the way (U+FFFD where a character was), by code point: mojibake on screen tells a reader nothing. */
function lostCharactersHtml(result: CheckResult): string {
  if (!('expected' in result) || !('actual' in result)) return '';
  const lost = lostCharacters(result.expected, result.actual);
  if (lost.length === 0) return '';
  const rows = lost.map((l) => `<tr><td><code>${htmlText(l.path || '(the value)')}</code></td><td>${htmlText(l.expected)}</td><td>${htmlText(l.actual)}</td><td>${htmlText(l.summary)}</td></tr>`);
  return `<h5>characters lost, by code point</h5><table class="lost"><thead><tr><th scope="col">where</th><th scope="col">expected</th><th scope="col">got</th><th scope="col">what happened</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** check, level, case, expected vs actual, lost characters, request data and a link to the evidence of one result. */
function resultDetails(result: CheckResult, evidenceId: string | undefined, limits: DrillDownLimits): string {
  const facts = [
    fact('check', result.checkId),
    fact('level', result.level),
    fact('outcome', result.mismatch ? `${result.outcome} (${result.mismatch})` : result.outcome),
    fact('case', result.caseId),
    fact('transport · dialect', `${result.transport} · ${result.dialect}`),
    fact('message', truncateText(result.message, limits.maxValueChars)),
  ];
  if (result.waived) facts.push(fact('WAIVED', `until ${result.waived.expires}: ${result.waived.reason}`));
  if (result.harnessFault) facts.push(fact('harness fault', 'the harness broke while producing this result, not the target'));
  const parts = [`<dl>${facts.join('')}</dl>`];
  if ('expected' in result || 'actual' in result) {
    const side = (label: string, present: boolean, value: unknown): string =>
      `<div><h5>${label}</h5>${present ? block(describeValue(value), limits.maxValueChars, label) : '<p class="none">not recorded</p>'}</div>`;
    parts.push(`<div class="pair">${side('expected', 'expected' in result, result.expected)}${side('actual', 'actual' in result, result.actual)}</div>`);
  }
  parts.push(lostCharactersHtml(result));
  const sent = requestDataOf(result.evidence);
  if (sent !== undefined) parts.push(`<h5>request data sent</h5>${block(describeValue(sent), limits.maxValueChars, 'request')}`);
  parts.push(evidenceId === undefined ? '<p class="none">no evidence recorded</p>' : `<p class="evidence-link">evidence (the exchange, stored once): <a href="#${evidenceId}">${evidenceId.replace(/^evidence-/, '')}</a></p>`);
  return parts.join('');
}

/** The cases a cause hit, one row each: where it showed, the checks it hit, the data the case sent, and how its message differed. */
function casesTable(cause: Cause, limits: DrillDownLimits): string {
  const shown = cause.cases.slice(0, limits.maxAffectedRows).map((c) => {
    const checks = c.checkIds.length === 1 ? (c.checkIds[0] ?? '') : `${c.checkIds.length} checks`;
    const data = c.data === undefined ? '' : `<code>${htmlText(clipLine(c.data, limits.maxLineChars))}</code>`;
    const detail = c.detail === undefined ? '' : `<br><small>${htmlText(clipLine(c.detail, limits.maxLineChars))}</small>`;
    return `<tr><td>${htmlText(isRunWide(c) ? 'run-wide' : clipLine(c.caseId, limits.maxLineChars))}</td><td>${htmlText(c.transports.join(', '))}</td><td>${htmlText(c.dialects.join(', '))}</td><td>${htmlText(checks)}</td><td>${data}${detail}</td></tr>`;
  });
  const left = cause.cases.length - shown.length;
  const more = left > 0 ? `<p class="note">and ${left} more cases; every result is in ctrf.json</p>` : '';
  return `<table class="affected"><colgroup><col style="width:18%"><col style="width:14%"><col style="width:8%"><col style="width:14%"><col></colgroup><thead><tr><th scope="col">case</th><th scope="col">transports</th><th scope="col">dialects</th><th scope="col">checks</th><th scope="col">data sent · how it read</th></tr></thead><tbody>${shown.join('')}</tbody></table>${more}`;
}

/** `device.data.sent · MUST · wrong-type`: the level on every cause, beside the kind of mismatch. */
function entry(cause: Cause, id: string, evidence: HtmlEvidenceStore, limits: DrillDownLimits): string {
  const first = cause.firstResult;
  const waived = cause.waived === cause.count;
  const message = cause.crash ? `${cause.crash} · ${first.message}` : first.message;
  const badge = waived ? '<span class="badge waived">WAIVED</span> ' : '';
  const mismatch = cause.mismatch === undefined ? '' : ` <span class="mismatch">${htmlText(clipLine(cause.mismatch, 60))}</span>`;
  const summary = `<summary>${badge}<span class="badge ${cause.outcome}">${cause.outcome.toUpperCase()}</span> <span class="level">${cause.level}</span> <code>${htmlText(clipLine(checksLabel(cause), limits.maxLineChars))}</code>${mismatch} <span class="count">× ${cause.count}</span> <span class="where">${htmlText(clipLine(causeWhere(cause), limits.maxLineChars))}</span><br><span class="msg" title="${htmlText(clipLine(cause.messageShape, limits.maxLineChars))}">${htmlText(clipLine(message, limits.maxLineChars))}</span></summary>`;
  const firstWhere = `${first.transport} · ${first.dialect} · case ${first.caseId}`;
  const waiver = waived && first.waived ? `<p class="waiver">WAIVED until ${htmlText(first.waived.expires)}: ${htmlText(first.waived.reason)}</p>` : '';
  const parts = [
    waiver,
    `<h4>cases (${cause.cases.length}; ${cause.count} results)</h4>`,
    casesTable(cause, limits),
    `<h4>the first: ${htmlText(clipLine(firstWhere, limits.maxLineChars))}</h4>`,
    resultDetails(first, evidence.cite(first, id), limits),
  ];
  return `<details id="${id}" class="entry ${waived ? 'waived' : cause.outcome}">${summary}${parts.join('')}</details>`;
}

/**
 * The failures, grouped by cause (failureCauses, then waivedCauses apart) and sectioned by causeSection:
 * one `<details>` per cause with its level, kind of mismatch, the cases it hit with their data, the
 * request data sent and a link to the evidence of the first (stored once, in `evidence`). Passed and
 * skipped results get none: the matrix counts them and ctrf.json holds them. Over a limit, the rest are
 * counted.
 */
export function htmlDrillDown(causes: readonly Cause[], evidence: HtmlEvidenceStore, limits: DrillDownLimits = DRILL_DOWN_LIMITS, startAt = 1): DrillDown {
  const firstEntry = new Map<string, string>();
  const causeIds = new Map<Cause, string>();
  const out: string[] = [];
  let size = 0;
  let shown = 0;
  let leftOut = 0;
  for (const section of causesBySection(causes)) {
    const items: string[] = [];
    for (const cause of section.causes) {
      if (shown >= limits.maxEntries || size > limits.maxTotalChars) {
        leftOut += 1;
        continue;
      }
      const id = `cause-${startAt + shown}`;
      shown += 1;
      const html = entry(cause, id, evidence, limits);
      size += html.length;
      items.push(html);
      causeIds.set(cause, id);
      for (const a of cause.affected) {
        for (const checkId of a.checkIds) {
          const key = JSON.stringify([a.implementation, a.transport, a.dialect, checkFamily(checkId)]);
          if (!firstEntry.has(key)) firstEntry.set(key, id);
        }
      }
    }
    const notShown = section.causes.length - items.length;
    const more = notShown > 0 ? ` <span class="note">(${notShown} not shown)</span>` : '';
    out.push(`<section><h3>${htmlText(TITLES[section.section])}: ${causeTotals(section.causes)}${more}</h3>${items.join('\n')}</section>`);
  }
  if (leftOut > 0) {
    out.unshift(`<p class="note left-out">Showing ${shown} of ${shown + leftOut} causes; ${leftOut} more are not shown here, to keep this page small (at most ${limits.maxEntries} entries and about ${Math.round(limits.maxTotalChars / 1024)} KB); every result is in ctrf.json.</p>`);
  }
  return { html: out.join('\n'), firstEntry, causeIds, shown, leftOut };
}
