import type { CheckResult } from '../../results/check-result.js';
import { painter, type Paint } from './ansi.js';
import { causeTotals, checksLabel, whereLine } from './cause-labels.js';
import { failureCauses, groupByCause, waivedCauses, type Cause } from './group-by-cause.js';
import { notReachedGroups, notReachedLine, plainSkips } from './not-reached.js';
import { terminalText } from './terminal-text.js';

const MAX_CAUSES = 10;
const MAX_WAIVED = 5;
const MAX_NOT_REACHED = 5;
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
 * one entry per cause with its check, level, count and where it was seen, then the crash's own first
 * line or the first message. At most MAX_CAUSES; the rest are counted. Waived results follow as their own
 * list (accepted, never failures), then the results a failure stopped (not reached), counted apart.
 */
export function formatConsoleCauses(results: readonly CheckResult[], options: { color?: boolean } = {}): string[] {
  const paint = painter(options.color === true);
  const lines: string[] = [];
  const groups = failureCauses(results);
  if (groups.length > 0) {
    const legend = groups.some((g) => g.blocking === 0) ? '; ✗ blocks the verdict, ! does not' : '';
    lines.push(paint('bold', `Failures by cause (${causeTotals(groups)}${legend}):`));
    for (const group of groups.slice(0, MAX_CAUSES)) {
      const blocking = group.blocking > 0;
      const mark = paint(blocking ? 'red' : 'yellow', blocking ? '✗' : '!');
      lines.push(`  ${mark} ${group.level} ${terminalText(checksLabel(group))} × ${group.count} · ${terminalText(clip(whereLine(group), 160))}`);
      lines.push(`      ${terminalText(group.crash === undefined ? clipAtClause(group.firstResult.message, 200) : clip(group.crash, 200))}`);
    }
    if (groups.length > MAX_CAUSES) lines.push(`  … and ${groups.length - MAX_CAUSES} more causes (report.html lists them all)`);
  }
  lines.push(...waivedLines(waivedCauses(results), paint));
  lines.push(...notReachedLines(results));
  return lines;
}

/** Waived causes: WAIVED, the check, where, and the waiver's expiry and reason. */
function waivedLines(causes: readonly Cause[], paint: Paint): string[] {
  if (causes.length === 0) return [];
  const lines = [paint('bold', `Waived (accepted failures, not counted as failures: ${causeTotals(causes)}):`)];
  for (const cause of causes.slice(0, MAX_WAIVED)) {
    const waiver = cause.firstResult.waived;
    lines.push(`  ${paint('cyan', 'WAIVED')} ${cause.level} ${terminalText(checksLabel(cause))} × ${cause.count} · ${terminalText(clip(whereLine(cause), 160))}`);
    if (waiver) lines.push(`      until ${terminalText(waiver.expires)}: ${terminalText(clip(waiver.reason, 200))}`);
  }
  if (causes.length > MAX_WAIVED) lines.push(`  … and ${causes.length - MAX_WAIVED} more waived causes (report.html lists them all)`);
  return lines;
}

/** Results a failure stopped, by implementation and the check that stopped them. */
function notReachedLines(results: readonly CheckResult[]): string[] {
  const groups = notReachedGroups(results);
  if (groups.length === 0) return [];
  const total = groups.reduce((sum, g) => sum + g.count, 0);
  const lines = [`Not reached (a failure above stopped them; neither passed nor failed): ${total} result${total === 1 ? '' : 's'}`];
  for (const group of groups.slice(0, MAX_NOT_REACHED)) lines.push(`  ${terminalText(group.implementation)}: ${terminalText(notReachedLine(group))}`);
  if (groups.length > MAX_NOT_REACHED) lines.push(`  … and ${groups.length - MAX_NOT_REACHED} more (report.html lists them all)`);
  return lines;
}

/**
 * Skipped results that were not stopped by a failure, as counts by cause (groupByCause, the reasons
 * summary.md lists): `skipped: 90 (90 transport amqp is not served by the emulator; ...)`.
 */
export function formatSkippedCounts(results: readonly CheckResult[]): string[] {
  const skipped = plainSkips(results);
  if (skipped.length === 0) return [];
  const reasons = groupByCause(skipped);
  const shown = reasons.slice(0, MAX_SKIP_REASONS).map((cause) => `${cause.count} ${terminalText(clip(cause.firstResult.message, 100))}`);
  const more = reasons.length > MAX_SKIP_REASONS ? `; ${reasons.length - MAX_SKIP_REASONS} other reasons` : '';
  return [`skipped: ${skipped.length} (${shown.join('; ')}${more}; --reporter verbose lists them)`];
}
