import { join } from 'node:path';
import { median, spawnTimed } from './spawn-timed.js';

const RUNS = 15;

/** Median wall time of `dps-conformance --help` and of `node -e 0`, spawned alternately RUNS times each. */
export async function measureCliStart(repoRoot: string): Promise<{ helpMs: number; nodeMs: number }> {
  const help: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    help.push((await spawnTimed(process.execPath, [join(repoRoot, 'bin', 'dps-conformance.js'), '--help'], { cwd: repoRoot, timeoutMs: 30_000 })).wallMs);
    bare.push((await spawnTimed(process.execPath, ['-e', '0'], { cwd: repoRoot, timeoutMs: 30_000 })).wallMs);
  }
  return { helpMs: median(help), nodeMs: median(bare) };
}
