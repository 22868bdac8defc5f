import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnTimed, type TimedRun } from './spawn-timed.js';

export interface SdkRunFigures {
  /** `run` with an empty SDK cache: installs the Python and Java SDKs, then tests everything */
  first: TimedRun;
  /** `run` again with the cache the first one filled */
  later: TimedRun;
  /** seconds the first run spent installing, from its progress lines ("installed X in N s") */
  installSeconds: number;
}

/**
 * Wall time and peak RSS of `dps-conformance run` with every bundled implementation, first with an
 * empty SDK cache (`DPSC_CACHE_DIR` set to a new directory: the run installs the SDKs; pip's and
 * Maven's own download caches are left as they are) and then again on that cache.
 */
export async function measureSdkRuns(repoRoot: string): Promise<SdkRunFigures> {
  const cli = join(repoRoot, 'bin', 'dps-conformance.js');
  const cache = await mkdtemp(join(tmpdir(), 'dpsc-bench-cache-'));
  const out = await mkdtemp(join(tmpdir(), 'dpsc-bench-sdk-run-'));
  const previous = process.env['DPSC_CACHE_DIR'];
  process.env['DPSC_CACHE_DIR'] = cache;
  const timed = (): Promise<TimedRun> => spawnTimed(process.execPath, [cli, 'run', '--out', out, '--reporter', 'quiet'], { cwd: repoRoot, timeoutMs: 1_200_000, memory: true });
  try {
    const first = await timed();
    const later = await timed();
    const installSeconds = [...first.stderr.matchAll(/installed \S+ in ([\d.]+) s/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return { first, later, installSeconds };
  } finally {
    if (previous === undefined) delete process.env['DPSC_CACHE_DIR'];
    else process.env['DPSC_CACHE_DIR'] = previous;
    await rm(out, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  }
}
