import type { CheckResult } from '../../results/check-result.js';
import { causesBySection, type CauseSection } from './cause-sections.js';
import { causeTotals, checksLabel, whereLine } from './cause-labels.js';
import { checkFamily } from './check-family.js';
import type { Cause } from './group-by-cause.js';
import { clipLine } from './clip-line.js';
import { htmlText } from './html-escape.js';
import { implementationLabel } from './implementation-label.js';
import { requestDataOf } from './request-data.js';
import { describeValue, truncateText } from './text-limits.js';

/** What keeps report.html small enough to open when a run has many large failures; ctrf.json keeps everything. */
export interface DrillDownLimits {
  /** causes that get an entry; the rest are counted in a note */
  maxEntries: number;
  /** rows of one cause's affected table */
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
  maxAffectedRows: 200,
  maxEvidenceChars: 16 * 1024,
  maxValueChars: 4 * 1024,
  maxLineChars: 300,
  maxTotalChars: 2 * 1024 * 1024,
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
  waived: 'Waived (accepted failures)',
};

function block(text: string, maxChars: number, className: string): string {
  const cut = truncateText(text, maxChars);
  const note = cut.length < text.length ? '; the whole value is in ctrf.json' : '';
  return `<pre class="${className}">${htmlText(cut)}${note}</pre>`;
}

function fact(label: string, value: string): string {
  return `<dt>${label}</dt><dd>${htmlText(value)}</dd>`;
}

/** check, level, case, expected vs actual and evidence of one result. */
function resultDetails(result: CheckResult, limits: DrillDownLimits): string {
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
      `<div><h5>${label}</h5>${present ? block(describeValue(value), limits.maxValueChars, label) : '<p class="none">not recorded</p>'}</div>`;
    parts.push(`<div class="pair">${side('expected', 'expected' in result, result.expected)}${side('actual', 'actual' in result, result.actual)}</div>`);
  }
  const sent = requestDataOf(result.evidence);
  if (sent !== undefined) parts.push(`<h5>request data sent</h5>${block(describeValue(sent), limits.maxValueChars, 'request')}`);
  parts.push('<h5>evidence</h5>');
  parts.push(result.evidence === undefined ? '<p class="none">no evidence recorded</p>' : block(describeValue(result.evidence), limits.maxEvidenceChars, 'evidence'));
  return parts.join('');
}

/** Where a cause was seen: one row per affected case x implementation x transport x dialect (checks counted). */
function affectedTable(group: Cause, limits: DrillDownLimits): string {
  const shown = group.affected.slice(0, limits.maxAffectedRows).map((a) => {
    const checks = a.checkIds.length === 1 ? (a.checkIds[0] ?? '') : `${a.checkIds.length} checks`;
    return `<tr><td>${htmlText(clipLine(a.caseId, limits.maxLineChars))}</td><td>${htmlText(clipLine(a.implementation, limits.maxLineChars))}</td><td>${a.transport}</td><td>${a.dialect}</td><td>${htmlText(checks)}</td></tr>`;
  });
  const left = group.affected.length - shown.length;
  const more = left > 0 ? `<p class="note">and ${left} more; every result is in ctrf.json</p>` : '';
  return `<table class="affected"><thead><tr><th scope="col">case</th><th scope="col">implementation</th><th scope="col">transport</th><th scope="col">dialect</th><th scope="col">checks</th></tr></thead><tbody>${shown.join('')}</tbody></table>${more}`;
}

function entry(group: Cause, id: string, limits: DrillDownLimits): string {
  const first = group.firstResult;
  const checks = checksLabel(group);
  const cause = group.crash ? `${group.crash} · ${first.message}` : first.message;
  const summary = `<summary><span class="badge ${group.outcome}">${group.outcome.toUpperCase()}</span> <span class="level">${group.level}</span> <code>${htmlText(clipLine(checks, limits.maxLineChars))}</code> <span class="count">× ${group.count}</span> <span class="where">${htmlText(clipLine(whereLine(group), limits.maxLineChars))}</span><br><span class="msg" title="${htmlText(group.messageShape)}">${htmlText(clipLine(cause, limits.maxLineChars))}</span></summary>`;
  const firstWhere = `${implementationLabel(first)} · ${first.transport} · ${first.dialect} · case ${first.caseId}`;
  const parts = [
    `<h4>affected (${group.count} results)</h4>`,
    affectedTable(group, limits),
    `<h4>the first: ${htmlText(clipLine(firstWhere, limits.maxLineChars))}</h4>`,
    resultDetails(first, limits),
  ];
  return `<details id="${id}" class="entry ${group.outcome}">${summary}${parts.join('')}</details>`;
}

/**
 * The failures, grouped by cause (failureCauses) and sectioned by causeSection: one `<details>` per
 * cause listing the cases, implementations, transports and dialects it hit, with the request data sent
 * and the evidence of the first. Passed and skipped results get none: the matrix counts them and
 * ctrf.json holds them. Over a limit, the rest are counted.
 */
export function htmlDrillDown(groups: readonly Cause[], limits: DrillDownLimits = DRILL_DOWN_LIMITS): DrillDown {
  const firstEntry = new Map<string, string>();
  const causeIds = new Map<Cause, string>();
  const out: string[] = [];
  let size = 0;
  let shown = 0;
  let leftOut = 0;
  for (const section of causesBySection(groups)) {
    const items: string[] = [];
    for (const group of section.causes) {
      if (shown >= limits.maxEntries || size > limits.maxTotalChars) {
        leftOut += 1;
        continue;
      }
      shown += 1;
      const id = `cause-${shown}`;
      const html = entry(group, id, limits);
      size += html.length;
      items.push(html);
      causeIds.set(group, id);
      for (const a of group.affected) {
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
    out.unshift(`<p class="note left-out">Showing ${shown} of ${shown + leftOut} causes; ${leftOut} more are not shown here, to keep this page small (at most ${limits.maxEntries} entries and about ${Math.round(limits.maxTotalChars / 1024 / 1024)} MB); every result is in ctrf.json.</p>`);
  }
  return { html: out.join('\n'), firstEntry, causeIds, shown, leftOut };
}
