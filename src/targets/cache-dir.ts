import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where installed SDKs live: `$DPSC_CACHE_DIR`, else `~/.cache/dps-conformance` (`$XDG_CACHE_HOME` when set). */
export function targetsCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['DPSC_CACHE_DIR']) return resolve(env['DPSC_CACHE_DIR']);
  const base = env['XDG_CACHE_HOME'] ? resolve(env['XDG_CACHE_HOME']) : join(homedir(), '.cache');
  return join(base, 'dps-conformance');
}
