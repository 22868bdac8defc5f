import { mdFence } from './markdown-escape.js';
import { describeValue, truncateText } from './text-limits.js';

/** Per value shown in summary.md by default; the whole value is in ctrf.json and report.html. */
const MAX_VALUE_CHARS = 2000;
const MAX_VALUE_LINES = 40;

/** A labelled value as a fenced block, cut to a readable size (the whole value is in ctrf.json). */
export function valueBlock(label: string, value: unknown, limits: { maxLines?: number; maxChars?: number } = {}): string {
  const maxLines = limits.maxLines ?? MAX_VALUE_LINES;
  const text = describeValue(value);
  const lines = text.split('\n');
  const clipped = lines.length > maxLines ? `${lines.slice(0, maxLines).join('\n')}\n… (${lines.length - maxLines} more lines)` : text;
  return `**${label}**\n\n${mdFence(truncateText(clipped, limits.maxChars ?? MAX_VALUE_CHARS), typeof value === 'string' ? 'text' : 'json')}\n`;
}
