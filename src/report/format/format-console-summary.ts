import { isBlocking, type CheckResult } from '../../results/check-result.js';
import { isRunWide } from '../../results/run-wide.js';
import type { RunInfo } from '../../results/run-info.js';
import { groupBy, rowKey } from '../../results/summarise-results.js';
import { painter, type Paint } from './ansi.js';
import { clipAtWord } from './clip-line.js';
import { formatRunPhases } from './format-run-phases.js';
import { hasOwnCoordinate, implementationCoordinate, implementationLabel } from './implementation-label.js';
import { terminalText } from './terminal-text.js';
import { displayCountsOf, verdictOf } from './verdict.js';
import { dialectNotes } from './dialect-notes.js';

export interface ConsoleFormatOptions {
  /** ANSI colours; only for a terminal */
  color?: boolean;
}

/** A name longer than this is cut at a word boundary in the table, and given whole below it. */
const MAX_NAME = 48;

function table(rows: string[][], paint: Paint, numericFrom: number): string[] {
  const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows.map((row, index) => {
    const line = row.map((value, col) => (col >= numericFrom ? value.padStart(widths[col] ?? 0) : value.padEnd(widths[col] ?? 0))).join('  ');
    return index === 0 ? paint('bold', line) : line;
  });
}

/**
 * The end-of-run table (implementation x transport x dialect) and verdict, as plain text (ANSI colour only
 * when asked). Each implementation is named by its one display name; where that hides a package
 * coordinate (or a long name was cut at a word), a line under the table gives it whole.
 */
export function formatConsoleSummary(results: readonly CheckResult[], runInfo: RunInfo, options: ConsoleFormatOptions = {}): string {
  const paint = painter(options.color === true);
  const all = displayCountsOf(results);
  // waived and not reached get a column only when the run has some: skipped counts neither
  const rows = [['implementation', 'transport', 'dialect', 'passed', 'failed', 'errored', ...(all.waived > 0 ? ['waived'] : []), 'skipped', ...(all.notReached > 0 ? ['not reached'] : [])]];
  const legend = new Map<string, string>();
  for (const group of groupBy(results, rowKey).values()) {
    const first = group[0] as CheckResult;
    const c = displayCountsOf(group);
    const label = terminalText(implementationLabel(first));
    const shown = clipAtWord(label, MAX_NAME);
    if (shown !== label || hasOwnCoordinate(first)) legend.set(shown, terminalText(`${label}${hasOwnCoordinate(first) ? ` = ${implementationCoordinate(first)}` : ''}`));
    rows.push([
      shown, first.transport, first.dialect, String(c.passed), String(c.failed), String(c.errored),
      ...(all.waived > 0 ? [String(c.waived)] : []), String(c.skipped), ...(all.notReached > 0 ? [String(c.notReached)] : []),
    ]);
  }
  const verdict = verdictOf(results, runInfo);
  const lines = results.length > 0 ? table(rows, paint, 3) : ['no results'];
  if (legend.size > 0) lines.push('', ...[...legend.values()].map((text) => paint('dim', text)));
  lines.push('', paint(verdict.pass ? 'green' : 'red', verdict.line));
  if (verdict.incomplete) lines.push(paint('yellow', verdict.incomplete));
  for (const note of dialectNotes(results)) lines.push(terminalText(`note: ${note}`));
  const phases = formatRunPhases(runInfo.phases);
  if (phases.length > 0) lines.push('', ...phases);
  return `${lines.join('\n')}\n`;
}

const LABELS = { passed: 'passed ', failed: 'FAILED ', errored: 'ERRORED', skipped: 'skipped' } as const;

/** One result as one console line: outcome, level, check, case, where, and the message. */
export function formatResultLine(result: CheckResult, options: ConsoleFormatOptions = {}): string {
  const paint = painter(options.color === true);
  const colour = result.outcome === 'passed' ? 'green' : result.outcome === 'skipped' ? 'dim' : isBlocking(result) ? 'red' : 'yellow';
  const label = result.waived ? 'WAIVED ' : LABELS[result.outcome];
  const where = `${implementationLabel(result)} ${result.transport} ${result.dialect}`;
  return `${paint(colour, label)} ${result.level.padEnd(6)} ${terminalText(`${result.checkId}${isRunWide(result) ? '' : ` [${result.caseId}]`} ${where}: ${result.message}`)}`;
}
