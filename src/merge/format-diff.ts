import { terminalText } from '../report/format/terminal-text.js';
import type { DiffEntry, ReportDiff } from './diff-reports.js';
import { describeKey } from './result-key.js';

const MAX_SHOWN = 50;

function section(title: string, entries: readonly DiffEntry[], line: (e: DiffEntry) => string): string[] {
  if (entries.length === 0) return [];
  const lines = ['', `${title} (${entries.length}):`];
  for (const entry of entries.slice(0, MAX_SHOWN)) lines.push(`  ${line(entry)}`);
  if (entries.length > MAX_SHOWN) lines.push(`  ... and ${entries.length - MAX_SHOWN} more`);
  return lines;
}

function flags(e: DiffEntry): string {
  const marks = [e.result.level === 'SHOULD' ? 'SHOULD' : '', e.result.waived ? `waived: ${e.result.waived.reason}` : ''].filter(Boolean);
  return marks.length > 0 ? ` [${marks.join('; ')}]` : '';
}

/** Keys grouped by check id with a count: added or removed checks are usually whole families. */
function byCheck(entries: readonly DiffEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.result.checkId, (counts.get(e.result.checkId) ?? 0) + 1);
  return [...counts].map(([checkId, n]) => `${checkId} (${n} ${n === 1 ? 'result' : 'results'})`);
}

/**
 * What `report diff` prints: new failures first, then still failing, fixed, and what was added or
 * removed; the last line says FAIL, OK, or INCOMPLETE when the current run is missing results (`verdict`).
 */
export function formatDiff(diff: ReportDiff, labels: { base: string; current: string }, notes: readonly string[] = [], verdict?: 'INCOMPLETE'): string {
  const lines = [`base:    ${labels.base}`, `current: ${labels.current}`, ...notes.map((n) => `note: ${n}`)];
  lines.push(
    ...section('NEW FAILURES', diff.newFailures, (e) => `${describeKey(e.result)}: ${e.was === 'absent' ? 'new check' : `was ${e.was}`}, now ${e.now}${flags(e)}: ${e.result.message}`),
    ...section('still failing', diff.stillFailing, (e) => `${describeKey(e.result)}: ${e.now}${flags(e)}: ${e.result.message}`),
    ...section('fixed', diff.fixed, (e) => `${describeKey(e.result)}: was ${e.was}, now passed`),
    ...section('failing before, skipped now (not tested, so not known to be fixed)', diff.nowSkipped, (e) => `${describeKey(e.result)}: ${e.result.message}`),
  );
  const added = byCheck(diff.added);
  const removed = byCheck(diff.removed);
  if (added.length > 0) lines.push('', `added (${diff.added.length} results only in current): ${added.join(', ')}`);
  if (removed.length > 0) lines.push('', `removed (${diff.removed.length} results only in base): ${removed.join(', ')}`);
  const blocking = diff.blockingNewFailures;
  lines.push(
    '',
    `${blocking > 0 ? 'FAIL' : (verdict ?? 'OK')}: ${diff.newFailures.length} new failures (${blocking} blocking), ${diff.stillFailing.length} still failing, ${diff.fixed.length} fixed, ${diff.added.length} added, ${diff.removed.length} removed`,
  );
  return `${lines.map(terminalText).join('\n')}\n`;
}
