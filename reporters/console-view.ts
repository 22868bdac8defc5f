import type { CheckResult } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import { formatConsoleSummary, formatResultLine } from '../src/report/format/format-console-summary.js';
import { safeStringify } from '../src/report/format/json-safe.js';
import { terminalText } from '../src/report/format/terminal-text.js';
import { ProgressLine } from '../src/report/format/progress-line.js';

/** The console modes `--reporter` offers. */
export const CONSOLE_REPORTERS = ['summary', 'verbose', 'quiet', 'json'] as const;
export type ConsoleReporterName = (typeof CONSOLE_REPORTERS)[number];
export type ConsoleMode = ConsoleReporterName;

export interface ConsoleViewOptions {
  /** summary: failed and errored results as they come (skipped ones only counted) + table; verbose: every result + table; quiet: table only; json: one JSON line per result */
  mode?: ConsoleMode;
  stream?: NodeJS.WritableStream;
  /** defaults to the stream's own `isTTY` */
  isTTY?: boolean;
  /** defaults to isTTY and no NO_COLOR in the environment */
  color?: boolean;
  /** without a terminal, summary mode prints a plain progress line every this many results */
  progressEvery?: number;
}

/**
 * What a person (or a script, in json mode) sees on the console during and after a run. It only
 * shows results it is given: callers pass them through postProcess (redaction) first.
 */
export class ConsoleView {
  private readonly mode: ConsoleMode;
  private readonly stream: NodeJS.WritableStream;
  private readonly isTTY: boolean;
  private readonly color: boolean;
  private readonly progress: ProgressLine | undefined;
  private readonly progressEvery: number;
  private readonly counts = { done: 0, failed: 0, errored: 0 };

  constructor(options: ConsoleViewOptions = {}) {
    this.mode = options.mode ?? 'summary';
    this.stream = options.stream ?? process.stdout;
    this.isTTY = options.isTTY ?? (this.stream as { isTTY?: boolean }).isTTY === true;
    this.color = options.color ?? (this.isTTY && !process.env.NO_COLOR);
    this.progress = this.isTTY && this.mode !== 'json' ? new ProgressLine(this.stream) : undefined;
    this.progressEvery = options.progressEvery ?? 500;
  }

  /** A check is starting (terminal progress only). */
  begin(checkId: string): void {
    this.progress?.show(this.progressText(terminalText(checkId)));
  }

  result(result: CheckResult): void {
    this.counts.done += 1;
    if (result.outcome === 'failed') this.counts.failed += 1;
    if (result.outcome === 'errored') this.counts.errored += 1;
    if (this.mode === 'json') {
      this.stream.write(`${safeStringify(result)}\n`);
      return;
    }
    // skipped results are counted in the table, not listed: a policy webhook skips hundreds of them
    const show = this.mode === 'verbose' || (this.mode === 'summary' && (result.outcome === 'failed' || result.outcome === 'errored'));
    if (show) this.line(formatResultLine(result, { color: this.color }));
    if (this.progress) this.progress.show(this.progressText());
    else if (this.mode === 'summary' && this.counts.done % this.progressEvery === 0) this.line(this.progressText());
  }

  /** The table and verdict, then any closing lines (where the reports went). */
  end(results: readonly CheckResult[], runInfo: RunInfo, closing: readonly string[] = []): void {
    this.progress?.clear();
    if (this.mode === 'json') return;
    this.stream.write(`\n${formatConsoleSummary(results, runInfo, { color: this.color })}`);
    for (const text of closing) this.stream.write(`${text}\n`);
  }

  private line(text: string): void {
    this.progress?.clear();
    this.stream.write(`${text}\n`);
  }

  private progressText(current?: string): string {
    const { done, failed, errored } = this.counts;
    return `progress: ${done} results, ${failed} failed, ${errored} errored${current ? ` · running ${current}` : ''}`;
  }
}
