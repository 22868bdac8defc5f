/** One line of the bench table: a figure beside its same-run baseline, judged against its target. */
export interface BenchRow {
  name: string;
  figure: number;
  unit: string;
  /** the same thing measured without the harness, in the same run; undefined when none applies */
  baseline?: number;
  /** figure / baseline */
  ratio?: number;
  /** a readable target, e.g. `>= 50% of baseline and >= 1500/s` */
  target: string;
  met: boolean;
  /** how it was measured, caveats */
  note?: string;
}

/** Formats the rows as a fixed-width table; MISSED rows are marked loudly. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const head = ['measure', 'figure', 'baseline', 'ratio', 'target', 'result'];
  const body = rows.map((r) => [
    r.name,
    `${fmt(r.figure)} ${r.unit}`,
    r.baseline === undefined ? '-' : `${fmt(r.baseline)} ${r.unit}`,
    r.ratio === undefined ? '-' : `${fmt(r.ratio * 100)}%`,
    r.target,
    r.met ? 'met' : '*** MISSED ***',
  ]);
  const widths = head.map((_, col) => Math.max(...[head, ...body].map((row) => (row[col] ?? '').length)));
  const line = (row: string[]): string => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd();
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.name}: ${r.note ?? ''}`);
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), '', 'notes:', ...notes].join('\n');
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return String(Math.round(n));
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
