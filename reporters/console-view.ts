import type { CheckResult } from '../src/results/check-result.js';
import type { RunInfo } from '../src/results/run-info.js';
import { certificationFacts } from '../src/report/format/certification-facts.js';
import { consoleHints } from '../src/report/format/console-hints.js';
import { formatConsoleCauses, formatSkippedCounts } from '../src/report/format/format-console-causes.js';
import { formatConsoleSummary, formatResultLine } from '../src/report/format/format-console-summary.js';
import { safeStringify } from '../src/report/format/json-safe.js';
import { terminalText } from '../src/report/format/terminal-text.js';
import { ProgressLine } from '../src/report/format/progress-line.js';

/** The console modes `--reporter` offers. */
export const CONSOLE_REPORTERS = ['summary', 'verbose', 'quiet', 'json'] as const;
export type ConsoleReporterName = (typeof CONSOLE_REPORTERS)[number];
export type ConsoleMode = ConsoleReporterName;

export interface ConsoleViewOptions {
  /**
   * summary: progress, then failures by cause, skipped as counts, the table; verbose: every result as it
   * comes, then the same; quiet: table only; json: one JSON line per result
   */
  mode?: ConsoleMode;
  stream?: NodeJS.WritableStream;
  /** where warnings go (an expired waiver); defaults to process.stderr */
  warnings?: NodeJS.WritableStream;
  /** defaults to the stream's own `isTTY` */
  isTTY?: boolean;
  /** defaults to isTTY and no NO_COLOR in the environment */
  color?: boolean;
  /** without a terminal, summary mode prints a plain progress line every this many results */
  progressEvery?: number;
  /** a terminal's progress line is redrawn at most this often, in ms */
  redrawEveryMs?: number;
}

/**
 * What a person (or a script, in json mode) sees on the console during and after a run. It only
 * shows results it is given: callers pass them through postProcess (redaction) first.
 */
export class ConsoleView {
  private readonly mode: ConsoleMode;
  private readonly stream: NodeJS.WritableStream;
  private readonly warnings: NodeJS.WritableStream;
  private readonly isTTY: boolean;
  private readonly color: boolean;
  private readonly progress: ProgressLine | undefined;
  private readonly progressEvery: number;
  private readonly counts = { done: 0, failed: 0, errored: 0 };
  private readonly redrawEveryMs: number;
  private lastDrawn = 0;
  private total = 0;
  private phase: string | undefined;
  private startedAt = Date.now();

  constructor(options: ConsoleViewOptions = {}) {
    this.mode = options.mode ?? 'summary';
    this.stream = options.stream ?? process.stdout;
    this.warnings = options.warnings ?? process.stderr;
    this.isTTY = options.isTTY ?? (this.stream as { isTTY?: boolean }).isTTY === true;
    this.color = options.color ?? (this.isTTY && !process.env.NO_COLOR);
    this.progress = this.isTTY && this.mode !== 'json' ? new ProgressLine(this.stream) : undefined;
    this.progressEvery = options.progressEvery ?? 500;
    this.redrawEveryMs = options.redrawEveryMs ?? 100;
  }

  /** The plan, before anything runs: what will be tested, and how many checks. */
  plan(text: string, total: number): void {
    this.total = total;
    this.startedAt = Date.now();
    if (this.mode !== 'json' && this.mode !== 'quiet') this.line(text);
  }

  /** A phase starts (one implementation, one suite): named on the progress line, or as a line without a terminal. */
  beginPhase(title: string): void {
    if (title === '' || title === this.phase) return;
    this.phase = title;
    if (this.mode === 'json' || this.mode === 'quiet') return;
    if (this.progress) this.draw(true);
    else this.line(`phase: ${terminalText(title)} (${this.progressText()})`);
  }

  /** A check is starting (terminal progress only). */
  begin(_checkId: string): void {
    if (this.progress) this.draw(false);
  }

  result(result: CheckResult): void {
    this.counts.done += 1;
    if (result.outcome === 'failed') this.counts.failed += 1;
    if (result.outcome === 'errored') this.counts.errored += 1;
    if (this.mode === 'json') {
      this.stream.write(`${safeStringify(result)}\n`);
      return;
    }
    if (this.mode === 'verbose') this.line(formatResultLine(result, { color: this.color }));
    if (this.progress) this.draw(false);
    else if (this.mode === 'summary' && this.counts.done % this.progressEvery === 0) this.line(`progress: ${this.progressText()}`);
  }

  /** The table and verdict, then any closing lines (where the reports went). */
  end(results: readonly CheckResult[], runInfo: RunInfo, closing: readonly string[] = []): void {
    this.progress?.clear();
    // what the waivers did goes to stderr in every mode, before the table; every report holds it too
    const facts = certificationFacts(runInfo);
    for (const line of [...facts.expired, ...facts.unused]) this.warnings.write(`warning: ${terminalText(line)}\n`);
    if (this.mode === 'json') return;
    const before = this.mode === 'quiet' ? [] : [...consoleHints(results), ...formatConsoleCauses(results, { color: this.color }), ...formatSkippedCounts(results)];
    if (before.length > 0) this.stream.write(`\n${before.join('\n')}\n`);
    this.stream.write(`\n${formatConsoleSummary(results, runInfo, { color: this.color })}`);
    for (const text of closing) this.stream.write(`${text}\n`);
  }

  private line(text: string): void {
    this.progress?.clear();
    this.stream.write(`${text}\n`);
  }

  /** Redraws the terminal's progress line, at most every redrawEveryMs unless forced. */
  private draw(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastDrawn < this.redrawEveryMs) return;
    this.lastDrawn = now;
    this.progress?.show(`progress: ${this.progressText()}${this.phase ? ` · ${terminalText(this.phase)}` : ''}`);
  }

  /** `120/400 results (30%), 3 failed, 0 errored, about 40 s left` */
  private progressText(): string {
    const { done, failed, errored } = this.counts;
    const of = this.total > 0 ? `/${this.total} results (${Math.floor((done * 100) / this.total)}%)` : ' results';
    return `${done}${of}, ${failed} failed, ${errored} errored${this.estimate()}`;
  }

  /** Time left at the pace so far; said only once there is a pace to go by. */
  private estimate(): string {
    const { done } = this.counts;
    if (this.total === 0 || done < 10 || done >= this.total) return '';
    const leftMs = ((Date.now() - this.startedAt) / done) * (this.total - done);
    return `, about ${leftMs < 60_000 ? `${Math.max(1, Math.round(leftMs / 1000))} s` : `${Math.round(leftMs / 60_000)} min`} left`;
  }
}
