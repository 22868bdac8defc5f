import { isRunWide } from '../../results/run-wide.js';
import { causeTitle, causeWhere, checksLabel } from './cause-labels.js';
import { clipLine } from './clip-line.js';
import type { AffectedCase, Cause } from './group-by-cause.js';
import { mdText } from './markdown-escape.js';
import { valueBlock } from './markdown-value-block.js';
import { notReachedLine, type NotReachedGroup } from './not-reached.js';
import { requestDataOf } from './request-data.js';

/** Cases listed by name (with the data each sent) in one block; the rest are counted. */
export const MAX_CASES_SHOWN = 8;
/** Fewer for a skipped cause's one line: a skip needs no action. */
const MAX_SKIPPED_CASES_SHOWN = 8;
/** Lines of an expected, actual or request value in summary.md; the whole value is in ctrf.json and report.html. */
const VALUE_LINES = 10;
const VALUE_CHARS = 800;


/** `data-flat {"deviceType":"thermostat"}`, and where, when the case did not show on every transport and dialect of the cause. */
function caseText(affected: AffectedCase, cause: Cause, withData: boolean): string {
  const transports = new Set(cause.cases.flatMap((c) => c.transports));
  const dialects = new Set(cause.cases.flatMap((c) => c.dialects));
  const partial = [
    ...(affected.transports.length < transports.size ? affected.transports : []),
    ...(affected.dialects.length < dialects.size ? affected.dialects : []),
  ];
  const name = isRunWide(affected) ? 'run-wide' : affected.caseId;
  const data = affected.data === undefined || !withData ? '' : ` ${affected.data}`;
  return `${name}${partial.length > 0 ? ` (${partial.join(', ')})` : ''}${data}`;
}

/** The affected cases of a cause, each once, with the data it sent: what a reader scans for the shapes the defect depends on. */
export function casesList(cause: Cause, max: number, withData = true): string {
  const shown = cause.cases.slice(0, max).map((c) => mdText(caseText(c, cause, withData)));
  const more = cause.cases.length - shown.length;
  return `${shown.join(' · ')}${more > 0 ? ` · … and ${more} more` : ''}`;
}

function clippedBlock(label: string, value: unknown): string {
  return valueBlock(label, value, { maxLines: VALUE_LINES, maxChars: VALUE_CHARS });
}

/**
 * One cause as a Markdown block: heading (check, level, outcome, kind of mismatch), where it showed,
 * the crash line, the first result's message, the cases it hit with the data each sent, the waiver,
 * then the first result's expected, actual and the request data that caused it.
 */
export function markdownGroupEntry(cause: Cause, index: number): string {
  const first = cause.firstResult;
  const lines = [`#### ${index}. ${mdText(causeTitle(cause))}`, '', mdText(causeWhere(cause)), ''];
  if (cause.checkIds.length > 1) lines.push(`- checks (${cause.checkIds.length}): ${mdText(cause.checkIds.join(', '))}`);
  if (cause.crash !== undefined) lines.push(`- crash: ${mdText(cause.crash)}`);
  lines.push(`- message${cause.count > 1 ? ' (first)' : ''}: ${mdText(clipLine(first.message, 300))}`);
  // a run-wide cause names no case: the where line above already says run-wide
  if (!cause.cases.every(isRunWide)) lines.push(`- cases (${cause.cases.length}): ${casesList(cause, MAX_CASES_SHOWN)}`);
  if (first.waived) lines.push(`- WAIVED until ${mdText(first.waived.expires)}: ${mdText(first.waived.reason)}`);
  lines.push('');
  if ('expected' in first) lines.push(clippedBlock('expected', first.expected));
  if ('actual' in first) lines.push(clippedBlock('actual', first.actual));
  const sent = requestDataOf(first.evidence);
  const whose = isRunWide(first) ? 'the first request' : first.caseId;
  if (sent !== undefined) lines.push(clippedBlock(`request data sent${cause.count > 1 || isRunWide(first) ? ` (${whose})` : ''}`, sent));
  return lines.join('\n');
}

/** A cause in one list line, for when the full blocks would make the summary too long to read. */
export function markdownCauseLine(cause: Cause, index: number): string {
  return `- **${index}.** ${mdText(causeTitle(cause))} · ${mdText(causeWhere(cause))}: ${mdText(clipLine(cause.crash ?? cause.firstResult.message, 200))}`;
}

/** One skipped cause as one Markdown list line: check, level, how many, the reason, and the cases. */
export function markdownSkippedLine(cause: Cause): string {
  const cases = cause.cases.every(isRunWide) ? 'run-wide' : `${cause.cases.length} case${cause.cases.length === 1 ? '' : 's'}`;
  const implementations = [...new Set(cause.affected.map((a) => a.implementation))].join(', ');
  return `- ${mdText(checksLabel(cause))} · ${cause.level} · ${mdText(implementations)} · ${cases}: ${mdText(clipLine(cause.firstResult.message, 300))} — ${casesList(cause, MAX_SKIPPED_CASES_SHOWN, false)}`;
}

/** One group of results a failure stopped, as one list line naming what blocked them. */
export function markdownNotReachedLine(group: NotReachedGroup): string {
  return `- ${mdText(group.implementation)}: ${mdText(notReachedLine(group))}${group.level === 'MUST' ? ' (MUST checks not judged)' : ''} — ${mdText(clipLine(group.reason, 200))}`;
}
