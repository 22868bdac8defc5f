import { isRunWide } from '../../results/run-wide.js';
import { checksLabel } from './cause-labels.js';
import type { AffectedPlace, Cause } from './group-by-cause.js';
import { mdText } from './markdown-escape.js';
import { valueBlock } from './markdown-entry.js';
import { requestDataOf } from './request-data.js';

/** Affected places listed by name in one block; the rest are counted. */
export const MAX_AFFECTED_SHOWN = 60;
/** Fewer for a skipped cause's one line: a skip needs no action. */
const MAX_SKIPPED_AFFECTED_SHOWN = 8;

const implementationOf = (place: AffectedPlace): string => `${place.implementation} ${place.transport}`;

/** `case (dialect)`, with implementation and transport when the cause spans several. */
function affectedList(group: Cause, max: number): string {
  const several = new Set(group.affected.map(implementationOf)).size > 1;
  const names = group.affected.slice(0, max).map((place) => {
    const where = isRunWide(place) ? `run-wide (${place.dialect})` : `${place.caseId} (${place.dialect})`;
    return several ? `${where} on ${implementationOf(place)}` : where;
  });
  const more = group.affected.length - names.length;
  return `${names.map(mdText).join(', ')}${more > 0 ? `, … and ${more} more` : ''}`;
}

function countLabel(group: Cause): string {
  const cases = group.affected.length;
  if (group.affected.every(isRunWide)) return cases === 1 ? 'run-wide' : `run-wide, ${cases} places`;
  return `${cases} ${cases === 1 ? 'case' : 'cases'}`;
}

/**
 * One cause as a Markdown block: heading with check (and how many more it hit), level, outcome and how
 * many cases; the crash line when an adapter crashed; the first result's message; every affected case
 * once; then the first result's expected, actual and the request data that caused it (the device data sent).
 */
export function markdownGroupEntry(group: Cause, index: number): string {
  const first = group.firstResult;
  const lines = [
    `#### ${index}. ${mdText(checksLabel(group))} · ${group.level} · ${group.outcome}` +
      `${first.harnessFault ? ' (harness fault)' : ''} · ${countLabel(group)}`,
    '',
  ];
  if (group.checkIds.length > 1) lines.push(`- checks (${group.checkIds.length}): ${mdText(group.checkIds.join(', '))}`);
  if (first.mismatch !== undefined) lines.push(`- mismatch: ${mdText(first.mismatch)}`);
  if (group.crash !== undefined) lines.push(`- crash: ${mdText(group.crash)}`);
  lines.push(`- message${group.count > 1 ? ' (first)' : ''}: ${mdText(first.message)}`);
  lines.push(
    `- ${group.affected.every(isRunWide) ? 'where' : `affected (${group.affected.length})`}: ${affectedList(group, MAX_AFFECTED_SHOWN)}`,
  );
  if (first.waived) {
    const some = group.waived < group.count ? ` (${group.waived} of ${group.count} results)` : '';
    lines.push(`- waived${some} until ${mdText(first.waived.expires)}: ${mdText(first.waived.reason)}`);
  } else if (group.waived > 0) lines.push(`- waived: ${group.waived} of ${group.count} results`);
  lines.push('');
  if ('expected' in first) lines.push(valueBlock('expected', first.expected));
  if ('actual' in first) lines.push(valueBlock('actual', first.actual));
  const sent = requestDataOf(first.evidence);
  const whose = isRunWide(first) ? 'the first request' : first.caseId;
  if (sent !== undefined)
    lines.push(valueBlock(`request data sent${group.count > 1 || isRunWide(first) ? ` (${whose})` : ''}`, sent));
  return lines.join('\n');
}

/** One skipped cause as one Markdown list line: check, level, how many, where, and the first reason. */
export function markdownSkippedLine(group: Cause): string {
  const where = affectedList(group, MAX_SKIPPED_AFFECTED_SHOWN);
  return `- ${mdText(checksLabel(group))} · ${group.level} · ${countLabel(group)}: ${mdText(group.firstResult.message)} — ${where}`;
}
