import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTimed, type TimedRun } from './spawn-timed.js';
import { readVerdicts, type Verdicts } from './verdict-differences.js';
import { measureReportSet, type ReportSetFigures } from './report-size.js';

export interface FullRunFigure {
  run: TimedRun;
  /** `run`'s own phase timings (ctrf.json runInfo.phases), `name seconds` each */
  phases?: string;
  /** the counts line `run` printed (`PASS`/`FAIL: ... results: ...`) */
  verdict?: string;
  /** every result's outcome, to compare two runs */
  verdicts: Verdicts;
  /** the report set it wrote, measured and read back; undefined when it wrote none */
  reportSet?: ReportSetFigures;
}

async function phasesOf(out: string): Promise<string | undefined> {
  try {
    const ctrf = JSON.parse(await readFile(join(out, 'ctrf.json'), 'utf8')) as { results?: { extra?: { runInfo?: { phases?: { name: string; ms: number }[] } } } };
    const phases = ctrf.results?.extra?.runInfo?.phases;
    return phases?.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`).join(', ');
  } catch {
    return undefined;
  }
}

/**
 * Wall time and peak RSS of `dps-conformance run --out tmp`, exactly as a user runs it: every bundled
 * implementation, the SDK cache as it is (`DPSC_CACHE_DIR` or ~/.cache/dps-conformance; `.ci/run` fills
 * it with `targets install`), default concurrency.
 */
export async function measureFullRun(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<FullRunFigure> {
  const cli = join(repoRoot, 'bin', 'dps-conformance.js');
  const out = await mkdtemp(join(tmpdir(), 'dpsc-bench-run-'));
  try {
    const run = await spawnTimed(process.execPath, [cli, 'run', '--out', out, '--reporter', 'quiet'], { cwd: repoRoot, timeoutMs: 1_200_000, memory: true, env });
    const phases = await phasesOf(out);
    const verdict = /^(PASS|FAIL)[^\n]*/m.exec(run.stdout)?.[0];
    const reportSet = await measureReportSet(out).catch(() => undefined);
    return { run, ...(phases ? { phases } : {}), ...(verdict ? { verdict } : {}), verdicts: await readVerdicts(out), ...(reportSet ? { reportSet } : {}) };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
