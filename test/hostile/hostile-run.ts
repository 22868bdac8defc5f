import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMeasuredCli, type MeasuredRun } from './run-measured-cli.js';
import { ctrfView } from '../helpers/ctrf-view.js';

/** One result of ctrf.json, as the hostile tests read it. */
export interface HostileResult {
  checkId: string;
  outcome: string;
  caseId: string;
  message: string;
  extra: Record<string, unknown>;
}

export interface HostileRun {
  run: MeasuredRun;
  /** ctrf.json parsed (undefined when it was missing or did not parse: the test then fails) */
  results: HostileResult[] | undefined;
  runInfo: Record<string, unknown> | undefined;
  ctrfError?: string;
}

/** Hard bound on one hostile run: the CLI is killed past it (and the test fails). */
export const HARD_LIMIT_MS = 90_000;

/** Runs one CLI command into a fresh `--out`, measuring it, and reads ctrf.json back. */
export async function hostileRun(args: readonly string[], setup?: (out: string) => string[]): Promise<HostileRun> {
  const out = mkdtempSync(join(tmpdir(), 'dpsc-hostile-'));
  try {
    const run = await runMeasuredCli([...args, ...(setup?.(out) ?? []), '--out', out, '--reporter', 'quiet'], { hardLimitMs: HARD_LIMIT_MS });
    try {
      const ctrf = ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: Array<{ rawStatus: string; message: string; extra: Record<string, unknown> }>; extra?: { runInfo?: Record<string, unknown> } } };
      const results = ctrf.results.tests.map((t) => ({ checkId: String(t.extra['checkId']), outcome: t.rawStatus, caseId: String(t.extra['caseId']), message: t.message, extra: t.extra }));
      return { run, results, runInfo: ctrf.results.extra?.runInfo };
    } catch (error) {
      return { run, results: undefined, runInfo: undefined, ctrfError: (error as Error).message };
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Runs `tasks` with at most `limit` at a time; each promise settles with its own task. */
export function limitConcurrency<T>(tasks: Array<() => Promise<T>>, limit: number): Array<Promise<T>> {
  let running = 0;
  const queue: Array<() => void> = [];
  const next = (): void => {
    if (running >= limit) return;
    const start = queue.shift();
    if (!start) return;
    running += 1;
    start();
  };
  return tasks.map(
    (task) =>
      new Promise<T>((resolve, reject) => {
        queue.push(() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              next();
            });
        });
        next();
      }),
  );
}

/** A short account of a run for assertion messages. */
export function describeHostile(r: HostileRun): string {
  const bad = (r.results ?? []).filter((x) => x.outcome === 'failed' || x.outcome === 'errored').slice(0, 3);
  return `exit ${String(r.run.status)} (signal ${String(r.run.signal)}, killed ${r.run.killed}) after ${r.run.durationMs} ms, peak RSS ${r.run.peakRssMb.toFixed(0)} MB; ctrf ${r.ctrfError ?? 'ok'}; stderr ${JSON.stringify(r.run.stderr.slice(0, 400))}; first problems: ${bad.map((b) => `${b.checkId} ${b.outcome}: ${b.message.slice(0, 200)}`).join(' | ')}`;
}
