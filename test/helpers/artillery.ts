import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './run-cli.js';

/** Where the tests install Artillery (an optional install of about 600 MB, kept out of package.json: see docs/load-distributed.md). */
export const ARTILLERY_CACHE = join(repoRoot, '.cache', 'artillery');

/** The last Artillery release that runs on Node 20. */
const ARTILLERY_VERSION = '2.0.21';

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
  return `${why} (the tests install it with: npm install --prefix .cache/artillery --ignore-scripts --no-save artillery@${ARTILLERY_VERSION}; or set ARTILLERY_PATH)`;
}

/**
 * The Artillery CLI, installed into ARTILLERY_CACHE first when there is none (once per checkout, about
 * a minute from the npm registry), so that `npm test` on a fresh clone runs the exported scenario too.
 * Undefined when the install failed (its output is on stderr).
 */
export function ensureArtillery(): string | undefined {
  const found = artilleryPath();
  if (found || process.env['ARTILLERY_PATH']) return found;
  process.stderr.write(`      installing Artillery ${ARTILLERY_VERSION} into ${ARTILLERY_CACHE} for the export tests (once)\n`);
  const args = ['install', '--prefix', ARTILLERY_CACHE, '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', `artillery@${ARTILLERY_VERSION}`];
  const install = spawnSync('npm', args, { cwd: repoRoot, encoding: 'utf8', timeout: 600_000 });
  if (install.status !== 0) process.stderr.write(`      the Artillery install failed (${install.error?.message ?? `exit ${String(install.status)}`}):\n${(install.stderr ?? '').slice(-2000)}\n`);
  return artilleryPath();
}
