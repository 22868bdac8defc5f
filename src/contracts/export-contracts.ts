import { copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { committedPactsDir } from './committed-pacts.js';
import { listPactFiles } from './pact-file.js';

/** Copies the committed pact files (both dialects) into `dir`, creating it; returns the written paths. */
export function exportContracts(dir: string, sourceDir: string = committedPactsDir()): string[] {
  mkdirSync(dir, { recursive: true });
  return listPactFiles(sourceDir).map((file) => {
    const target = join(dir, basename(file));
    copyFileSync(file, target);
    return target;
  });
}
