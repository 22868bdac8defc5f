import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../meta/package-info.js';

/** sha256 (hex) of each part of the package that decides what the checks test. */
export interface SuiteDigests {
  schemas: string;
  contracts: string;
  corpus: string;
}

/** The package directories behind each digest, relative to the package root. */
export const SUITE_PARTS: Readonly<Record<keyof SuiteDigests, string>> = {
  schemas: 'schemas',
  contracts: 'contracts',
  corpus: 'suites/corpus',
};

function listFiles(dir: string, prefix: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // a part the package does not ship (yet) digests as empty, not as an error
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) listFiles(join(dir, entry.name), relative, out);
    else if (entry.isFile()) out.push(relative);
  }
}

/**
 * Digest of a directory tree: sha256 over one line per regular file, `<path>\0<sha256 of content>\n`,
 * sorted by path ('/' separators). Independent of the platform, of timestamps and of listing order;
 * any changed, added, removed or renamed file changes it.
 */
export function digestTree(dir: string): string {
  const files: string[] = [];
  listFiles(dir, '', files);
  files.sort();
  const tree = createHash('sha256');
  for (const file of files) {
    const content = createHash('sha256').update(readFileSync(join(dir, ...file.split('/')))).digest('hex');
    tree.update(`${file}\0${content}\n`);
  }
  return tree.digest('hex');
}

/** The digests of `schemas/`, `contracts/` and `suites/corpus/` of a package root (this harness by default). */
export function computeSuiteDigests(root: string = packagePath()): SuiteDigests {
  return {
    schemas: digestTree(join(root, SUITE_PARTS.schemas)),
    contracts: digestTree(join(root, SUITE_PARTS.contracts)),
    corpus: digestTree(join(root, SUITE_PARTS.corpus)),
  };
}

/**
 * `RunInfo.suiteVersion` derived from the digests: `sha256:<hex>` over the three. Two runs with the same
 * value tested against the same schemas, contracts and corpus, so `report merge` may combine them.
 */
export function suiteVersionOf(digests: SuiteDigests): string {
  const hash = createHash('sha256').update(`schemas ${digests.schemas}\ncontracts ${digests.contracts}\ncorpus ${digests.corpus}\n`);
  return `sha256:${hash.digest('hex')}`;
}
