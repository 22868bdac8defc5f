import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceWebhook } from '../implementations/reference-webhook/start-reference-webhook.js';
import { spawnTimed, type TimedRun } from './spawn-timed.js';

export interface FullRunFigure {
  /** `run`, or the stand-in used while `run` is not available */
  what: string;
  wallMs: number;
  peakRssKiB: number | undefined;
  statuses: (number | null)[];
  stoodIn: boolean;
  /** `run`'s own phase timings (ctrf.json runInfo.phases), `name seconds` each */
  phases?: string;
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
 * Peak RSS and wall time of a full `dps-conformance run --out tmp`. While `run` answers "not yet
 * available" (exit 2), stands in with `webhook` against the reference webhook plus `device` with the
 * reference device adapter (wall times added, peak = the larger), and says so.
 */
export async function measureFullRun(repoRoot: string): Promise<FullRunFigure> {
  const cli = join(repoRoot, 'bin', 'dps-conformance.js');
  const out = await mkdtemp(join(tmpdir(), 'dpsc-bench-run-'));
  const timed = (args: string[]): Promise<TimedRun> => spawnTimed(process.execPath, [cli, ...args, '--out', out, '--reporter', 'quiet'], { cwd: repoRoot, timeoutMs: 600_000, memory: true });
  try {
    const run = await timed(['run']);
    if (!(run.status === 2 && /not yet available/.test(run.stderr))) {
      const phases = await phasesOf(out);
      return { what: 'run', wallMs: run.wallMs, peakRssKiB: run.peakRssKiB, statuses: [run.status], stoodIn: false, ...(phases ? { phases } : {}) };
    }
    const webhook = await startReferenceWebhook({ port: 0 });
    let webhookRun: TimedRun;
    try {
      webhookRun = await timed(['webhook', '--url', webhook.url]);
    } finally {
      await webhook.close();
    }
    const adapter = `"${process.execPath}" "${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}"`;
    const deviceRun = await timed(['device', '--adapter', adapter]);
    const peaks = [webhookRun.peakRssKiB, deviceRun.peakRssKiB].filter((n): n is number => n !== undefined);
    return {
      what: '`run` not yet available: `webhook` (reference webhook) + `device` (reference device adapter)',
      wallMs: webhookRun.wallMs + deviceRun.wallMs,
      peakRssKiB: peaks.length > 0 ? Math.max(...peaks) : undefined,
      statuses: [webhookRun.status, deviceRun.status],
      stoodIn: true,
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
