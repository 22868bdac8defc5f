import type { CheckResult } from '../../results/check-result.js';
import { implementationLabel } from './implementation-label.js';
import { isRunWide } from '../../results/run-wide.js';
import { mdFence, mdText } from './markdown-escape.js';
import { describeValue, truncateText } from './text-limits.js';

/** Per value shown in summary.md; the whole value is in ctrf.json and report.html. */
const MAX_VALUE_CHARS = 2000;
const MAX_VALUE_LINES = 40;

/** A labelled value as a fenced block, cut to a readable size (the whole value is in ctrf.json). */
export function valueBlock(label: string, value: unknown): string {
  const text = describeValue(value);
  const lines = text.split('\n');
  const clipped = lines.length > MAX_VALUE_LINES ? `${lines.slice(0, MAX_VALUE_LINES).join('\n')}\n… (${lines.length - MAX_VALUE_LINES} more lines)` : text;
  return `**${label}**\n\n${mdFence(truncateText(clipped, MAX_VALUE_CHARS), typeof value === 'string' ? 'text' : 'json')}\n`;
}

/** One failed, errored or skipped result as a Markdown block: heading, facts, expected and actual. */
export function markdownEntry(result: CheckResult, index: number): string {
  const lines = [
    `#### ${index}. ${mdText(result.checkId)} · ${result.level} · ${result.outcome}${result.harnessFault ? ' (harness fault)' : ''}`,
    '',
    `- case: ${isRunWide(result) ? 'run-wide (no single case)' : mdText(result.caseId)}`,
    `- implementation: ${mdText(implementationLabel(result))} · ${mdText(result.transport)} · ${mdText(result.dialect)}`,
  ];
  if (result.mismatch !== undefined) lines.push(`- mismatch: ${mdText(result.mismatch)}`);
  lines.push(`- message: ${mdText(result.message)}`);
  if (result.waived) lines.push(`- waived until ${mdText(result.waived.expires)}: ${mdText(result.waived.reason)}`);
  lines.push('');
  if ('expected' in result) lines.push(valueBlock('expected', result.expected));
  if ('actual' in result) lines.push(valueBlock('actual', result.actual));
  return lines.join('\n');
}
