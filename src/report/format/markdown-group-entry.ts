import { isRunWide } from '../../results/run-wide.js';
import type { AffectedCase, CauseGroup } from './group-by-cause.js';
import { mdText } from './markdown-escape.js';
import { valueBlock } from './markdown-entry.js';
import { requestDataOf } from './request-data.js';

/** Affected places listed by name in one block; the rest are counted. */
export const MAX_AFFECTED_SHOWN = 60;
/** Fewer for a skipped cause's one line: a skip needs no action. */
const MAX_SKIPPED_AFFECTED_SHOWN = 8;

function implementationOf(place: AffectedCase): string {
  const { name, version } = place.implementation;
  return `${version === undefined ? name : `${name}@${version}`} ${place.transport}`;
}

/** `case (dialect)`, with implementation and transport when the group spans several. */
export function affectedLine(group: CauseGroup, max = MAX_AFFECTED_SHOWN): string {
  const several = new Set(group.affected.map(implementationOf)).size > 1;
  const names = group.affected.slice(0, max).map((place) => {
    const where = isRunWide(place) ? `run-wide (${place.dialect})` : `${place.caseId} (${place.dialect})`;
    return several ? `${where} on ${implementationOf(place)}` : where;
  });
  const more = group.affected.length - names.length;
  return `${names.map(mdText).join(', ')}${more > 0 ? `, … and ${more} more` : ''}`;
}

function countLabel(group: CauseGroup): string {
  const cases = group.affected.length;
  if (group.affected.every(isRunWide)) return cases === 1 ? 'run-wide' : `run-wide, ${cases} places`;
  return `${cases} ${cases === 1 ? 'case' : 'cases'}`;
}

/**
 * One cause as a Markdown block: heading with check, level, outcome and how many cases; the first
 * result's message; every affected case once; then the first result's expected, actual and the
 * request data that caused it (the device data sent).
 */
export function markdownGroupEntry(group: CauseGroup, index: number): string {
  const first = group.firstResult;
  const lines = [
    `#### ${index}. ${mdText(group.checkId)} · ${group.level} · ${group.outcome}` +
      `${first.harnessFault ? ' (harness fault)' : ''} · ${countLabel(group)}`,
    '',
  ];
  if (first.mismatch !== undefined) lines.push(`- mismatch: ${mdText(first.mismatch)}`);
  lines.push(`- message${group.count > 1 ? ' (first)' : ''}: ${mdText(first.message)}`);
  lines.push(
    `- ${group.affected.every(isRunWide) ? 'where' : `affected (${group.affected.length})`}: ${affectedLine(group)}`,
  );
  if (first.waived) lines.push(`- waived until ${mdText(first.waived.expires)}: ${mdText(first.waived.reason)}`);
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
export function markdownSkippedLine(group: CauseGroup): string {
  const where = affectedLine(group, MAX_SKIPPED_AFFECTED_SHOWN);
  return `- ${mdText(group.checkId)} · ${group.level} · ${countLabel(group)}: ${mdText(group.firstResult.message)} — ${where}`;
}
