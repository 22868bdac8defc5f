// Removes from dist/ what tsc compiled from a TypeScript file that no longer exists (renamed or
// deleted). tsc never deletes an output, and a stale test file would still be picked up by the test
// globs (`dist/test/**/*.test.js`), under its old name and in the wrong test set.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const OUTPUT = /(\.d\.ts\.map|\.d\.ts|\.js\.map|\.js)$/;

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(path);
      continue;
    }
    if (!OUTPUT.test(entry.name)) continue;
    const source = join(root, relative(dist, path)).replace(OUTPUT, '.ts');
    if (!existsSync(source)) rmSync(path);
  }
}

if (existsSync(dist)) walk(dist);
