import { isBlocking, type CheckResult } from '../../results/check-result.js';
import { isRunWide } from '../../results/run-wide.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, groupBy, rowKey } from '../../results/summarise-results.js';
import { painter, type Paint } from './ansi.js';
import { formatRunPhases } from './format-run-phases.js';
import { implementationLabel } from './implementation-label.js';
import { terminalText } from './terminal-text.js';
import { verdictOf } from './verdict.js';
import { dialectNotes } from './dialect-notes.js';

export interface ConsoleFormatOptions {
  /** ANSI colours; only for a terminal */
  color?: boolean;
}

const MAX_CELL = 48;

function cell(text: string): string {
  const safe = terminalText(text);
  return safe.length > MAX_CELL ? `${safe.slice(0, MAX_CELL - 1)}…` : safe;
}

function table(rows: string[][], paint: Paint): string[] {
  const widths = (rows[0] ?? []).map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  return rows.map((row, index) => {
    const line = row.map((value, col) => (col >= 3 ? value.padStart(widths[col] ?? 0) : value.padEnd(widths[col] ?? 0))).join('  ');
    return index === 0 ? paint('bold', line) : line;
  });
}

/** The end-of-run table (implementation x transport x dialect) and verdict, as plain text (ANSI colour only when asked). */
export function formatConsoleSummary(results: readonly CheckResult[], runInfo: RunInfo, options: ConsoleFormatOptions = {}): string {
  const paint = painter(options.color === true);
  const rows = [['implementation', 'transport', 'dialect', 'passed', 'failed', 'errored', 'skipped']];
  for (const group of groupBy(results, rowKey).values()) {
    const first = group[0] as CheckResult;
    const c = countOutcomes(group);
    rows.push([cell(implementationLabel(first)), first.transport, first.dialect, String(c.passed), String(c.failed), String(c.errored), String(c.skipped)]);
  }
  const verdict = verdictOf(results, runInfo);
  const lines = results.length > 0 ? table(rows, paint) : ['no results'];
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
