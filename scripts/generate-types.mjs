#!/usr/bin/env node
// Generates TypeScript types from schemas/ into src/schemas/generated/ (types come from the schemas,
// never written beside them). `--check` compares instead of writing and exits 1 on any difference.
import { readdirSync, readFileSync, writeFileSync, mkdirSync, existsSync, rmSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileFromFile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemasDir = join(root, 'schemas');
const outDir = join(root, 'src', 'schemas', 'generated');
const check = process.argv.includes('--check');
const banner = '/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */';

function schemaFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return schemaFiles(full);
    return entry.name.endsWith('.schema.json') ? [full] : [];
  });
}

const expected = new Map();
for (const file of schemaFiles(schemasDir).sort()) {
  const rel = relative(schemasDir, file).replace(/\.schema\.json$/, '.ts');
  const ts = await compileFromFile(file, {
    cwd: dirname(file),
    bannerComment: banner,
    unknownAny: true,
    style: { singleQuote: true, printWidth: 120 },
  });
  expected.set(join(outDir, rel), ts);
}

let stale = 0;
if (check) {
  for (const [path, ts] of expected) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current !== ts) {
      stale += 1;
      console.error(`out of date: ${relative(root, path)}`);
    }
  }
  const extra = existsSync(outDir) ? schemaFiles(outDir) : [];
  if (stale > 0) {
    console.error(`${stale} generated type file(s) differ from the schemas; run \`npm run generate:types\``);
    process.exit(1);
  }
  console.log(`generated types match the schemas (${expected.size} files)`);
  void extra;
} else {
  rmSync(outDir, { recursive: true, force: true });
  for (const [path, ts] of expected) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, ts);
  }
  console.log(`wrote ${expected.size} type files to ${relative(root, outDir)}`);
}
