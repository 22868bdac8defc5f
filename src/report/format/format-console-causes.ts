import type { CheckResult } from '../../results/check-result.js';
import { painter } from './ansi.js';
import { causeTotals, checksLabel, whereLine } from './cause-labels.js';
import { failureCauses, groupByCause } from './group-by-cause.js';
import { terminalText } from './terminal-text.js';

const MAX_CAUSES = 10;
const MAX_SKIP_REASONS = 3;
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A message cut to `max` at the end of a clause (`; `), never mid-sentence, when a clause ends in the
 * second half; the advice a cut clause held is printed whole as a hint (console-hints.ts).
 */
function clipAtClause(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = text.lastIndexOf('; ', max - 3);
  return end >= max / 2 ? `${text.slice(0, end)}; …` : clip(text, max);
}

/**
 * The end-of-run failures, grouped by cause as summary.md and report.html group them (failureCauses):
 * one entry per cause with its check, count and where it was seen, then the crash's own first line or
 * the first message. At most MAX_CAUSES; the rest are counted.
 */
export function formatConsoleCauses(results: readonly CheckResult[], options: { color?: boolean } = {}): string[] {
  const paint = painter(options.color === true);
  const groups = failureCauses(results);
  if (groups.length === 0) return [];
  const lines = [paint('bold', `Failures by cause (${causeTotals(groups)}):`)];
  for (const group of groups.slice(0, MAX_CAUSES)) {
    const blocking = group.blocking > 0;
    const mark = paint(blocking ? 'red' : 'yellow', blocking ? '✗' : '!');
    lines.push(`  ${mark} ${group.level} ${terminalText(checksLabel(group))} × ${group.count} · ${terminalText(clip(whereLine(group), 160))}`);
    lines.push(`      ${terminalText(group.crash === undefined ? clipAtClause(group.firstResult.message, 200) : clip(group.crash, 200))}`);
  }
  if (groups.length > MAX_CAUSES) lines.push(`  … and ${groups.length - MAX_CAUSES} more causes (report.html lists them all)`);
  return lines;
}

/**
 * Skipped results as counts by cause (groupByCause, the reasons summary.md lists):
 * `skipped: 90 (90 transport amqp is not served by the emulator; ...)`.
 */
export function formatSkippedCounts(results: readonly CheckResult[]): string[] {
  const skipped = results.filter((r) => r.outcome === 'skipped');
  if (skipped.length === 0) return [];
  const reasons = groupByCause(skipped);
  const shown = reasons.slice(0, MAX_SKIP_REASONS).map((cause) => `${cause.count} ${terminalText(clip(cause.firstResult.message, 100))}`);
  const more = reasons.length > MAX_SKIP_REASONS ? `; ${reasons.length - MAX_SKIP_REASONS} other reasons` : '';
  return [`skipped: ${skipped.length} (${shown.join('; ')}${more}; --reporter verbose lists them)`];
}
