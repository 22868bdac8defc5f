import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root: where package.json, schemas/ and implementations/ live (dist/src/targets -> ../../..). */
export const packageRoot: string = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'dps-conformance') return dir;
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the dps-conformance package root');
})();

/** A path inside the package, e.g. `packagePath('implementations', 'azure-iot-python-sdk')`. */
export function packagePath(...segments: string[]): string {
  return join(packageRoot, ...segments);
}
