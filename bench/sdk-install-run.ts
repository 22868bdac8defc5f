import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureFullRun, type FullRunFigure } from './full-run.js';

export interface FirstRunFigure extends FullRunFigure {
  /** seconds the run spent installing, from its progress lines ("installed X in N s") */
  installSeconds: number;
}

/**
 * `dps-conformance run` with an empty SDK cache (`DPSC_CACHE_DIR` set to a new directory): it installs
 * the Python and Java SDKs, then tests everything. pip's and Maven's own download caches are left as
 * they are, so this is a fresh machine's run minus the downloads.
 */
export async function measureFirstRun(repoRoot: string): Promise<FirstRunFigure> {
  const cache = await mkdtemp(join(tmpdir(), 'dpsc-bench-cache-'));
  try {
    const figure = await measureFullRun(repoRoot, { ...process.env, DPSC_CACHE_DIR: cache });
    const installSeconds = [...figure.run.stderr.matchAll(/installed \S+ in ([\d.]+) s/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return { ...figure, installSeconds };
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
}
