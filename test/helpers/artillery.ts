import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './run-cli.js';

/** Where .ci/run installs Artillery (an optional install, kept out of package.json: see docs/load-distributed.md). */
export const ARTILLERY_CACHE = join(repoRoot, '.cache', 'artillery');

/**
 * The Artillery CLI script to run with node: ARTILLERY_PATH, else the .ci/run install, else one in
 * the project's node_modules; undefined when there is none.
 */
export function artilleryPath(): string | undefined {
  const explicit = process.env['ARTILLERY_PATH'];
  const candidates = explicit ? [explicit] : [join(ARTILLERY_CACHE, 'node_modules', 'artillery', 'bin', 'run'), join(repoRoot, 'node_modules', 'artillery', 'bin', 'run')];
  return candidates.find((path) => existsSync(path));
}

/** Why the Artillery tests cannot run here; under CI (`CI=true`) a missing engine fails instead of skipping. */
export function artilleryMissing(): string {
  const why = process.env['ARTILLERY_PATH'] ? `ARTILLERY_PATH=${process.env['ARTILLERY_PATH']} does not exist` : `no Artillery in ${ARTILLERY_CACHE}`;
  return `${why} (install it as .ci/run does: npm install --prefix .cache/artillery --no-save artillery@2.0.21, or set ARTILLERY_PATH)`;
}
