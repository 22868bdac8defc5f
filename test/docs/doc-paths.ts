import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/**
 * What the doc test (named-paths-exist.test.ts) reads as a path named by a document, and how it
 * decides that the path exists. The rules are kept few so that a writer can follow them:
 * - a link target `[text](target)` (not a URL, not `#anchor`) is resolved from the document's folder;
 * - in `code` and in fenced code blocks, a word that starts with a top-level folder or file of the
 *   repository (`src/`, `docs/`, `test/`, `package.json`, ...) names a path from the repository's root;
 *   `dist/X.js` names the source `X.ts`;
 * - in README.md, ARCHITECTURE.md and the CHECKS.md catalogues (which describe this repository's code;
 *   other pages also cite other projects' files), a word in `code` ending in a source extension (`.ts`,
 *   `.js`, `.mjs`, `.py`, `.java`, `.sh`) with no top-level folder in front (`device-checks.ts`,
 *   `load/corpus-mix.ts`) must be the end of a real path;
 * - `X.js` is found as `X.js` or as its source `X.ts`; an `#anchor` is ignored;
 * - what .gitignore ignores (`bench/results.json`, `test-artifacts/...`) is an output of a command,
 *   named freely and not checked;
 * - `<x>`, `{x}` and `*` stand for any part of one name; `**` for any folders.
 * Words that start with `./`, `../` (outside links), `~/` or `/` are the reader's paths (an output
 * folder, a file of their own) and are not checked, nor are words holding `...`, `$`, `://` or `@`.
 */

/** Not walked (what .gitignore ignores is left out as well). */
const NOT_SOURCE = new Set(['.git']);

/** The documents that describe this repository's code, where a bare file name is one of ours. */
const BARE_NAMES_CHECKED = /^(README\.md|ARCHITECTURE\.md|suites\/[^/]+\/CHECKS\.md)$/;

const SOURCE_EXTENSION = /\.(ts|js|mjs|cjs|py|java|sh)$/;

export interface NamedPath {
  /** the document, relative to the repository root */
  doc: string;
  line: number;
  /** as written */
  text: string;
  /** how it is resolved */
  kind: 'link' | 'root' | 'suffix';
  /** the path (or pattern) to find, relative to the repository root for `link` and `root` */
  path: string;
}

/** The .gitignore patterns (negations left out: what they keep is an output all the same). */
function ignoredPatterns(root: string): RegExp[] {
  return readFileSync(join(root, '.gitignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
    .map((line) => {
      const anchored = line.replace(/\/$/, '').includes('/');
      const body = line.replace(/^\//, '').replace(/\/$/, '');
      return patternOf(anchored ? body : `**/${body}`);
    });
}

export interface Repository {
  /** every file and folder (relative, `/`-separated), minus what is built, installed or ignored */
  paths: Set<string>;
  /** whether git ignores the path (or a folder above it) */
  ignored(path: string): boolean;
}

export function readRepository(root: string): Repository {
  const patterns = ignoredPatterns(root);
  const ignored = (path: string): boolean => {
    const parts = path.split('/');
    return parts.some((_, i) => {
      const prefix = parts.slice(0, i + 1).join('/');
      return patterns.some((pattern) => pattern.test(prefix));
    });
  };
  const paths = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (NOT_SOURCE.has(entry.name)) continue;
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (ignored(path)) continue;
      paths.add(path);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk('');
  return { paths, ignored };
}

function patternOf(path: string): RegExp {
  const escaped = (path.match(/<[^>/]*>|\{[^}/]*\}|\*\*\/?|\*|[^*<{]+|[<{]/g) ?? [])
    .map((part) => {
      if (part.startsWith('**')) return '(?:.*/)?';
      if (part === '*' || /^[<{]./.test(part)) return '[^/]*';
      return part.replace(/[.+?^$()|[\]\\{}]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${escaped}$`);
}

/** Whether the repository has the path (a pattern matches at least one); `suffix` paths may sit in any folder. */
export function pathExists(repository: Repository, named: NamedPath): boolean {
  const { paths } = repository;
  const path = named.path.replace(/\/+$/, '');
  if (path === '' || (named.kind !== 'suffix' && repository.ignored(path))) return true;
  if (path.endsWith('.js') && pathExists(repository, { ...named, path: path.replace(/\.js$/, '.ts') })) return true;
  const wild = /[*<{]/.test(path);
  if (named.kind !== 'suffix' && !wild) return paths.has(path);
  const pattern = patternOf(named.kind === 'suffix' ? `**/${path}` : path);
  for (const candidate of paths) if (pattern.test(candidate)) return true;
  return false;
}

function topLevelEntries(paths: ReadonlySet<string>): Set<string> {
  return new Set([...paths].filter((p) => !p.includes('/')));
}

/** The word as a repository path, or undefined when it is not one by the rules above. */
function classify(word: string, topLevel: ReadonlySet<string>, bareNames: boolean): Pick<NamedPath, 'kind' | 'path'> | undefined {
  const cleaned = word.replace(/#.*$/, '').replace(/^[("'[]+/, '').replace(/[)"',;:\]]+$/, '').replace(/\.$/, '');
  if (cleaned === '' || /\.\.\.|\$|:\/\/|@/.test(cleaned) || /^(\.{1,2}\/|~\/|\/)/.test(cleaned)) return undefined;
  const first = cleaned.split('/')[0]!;
  if (first === 'dist') {
    const source = cleaned.slice('dist/'.length);
    const sourceTop = source.split('/')[0]!;
    return topLevel.has(sourceTop) && source.includes('/') ? { kind: 'root', path: source.replace(/\.d\.ts$/, '.ts') } : undefined;
  }
  if (topLevel.has(first) && (cleaned.includes('/') || cleaned === first)) return { kind: 'root', path: cleaned };
  if (bareNames && SOURCE_EXTENSION.test(cleaned)) return { kind: 'suffix', path: cleaned };
  return undefined;
}

const LINK = /\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const SPAN = /(`+)([^`]+?)\1/g;

/** Every path a Markdown document names, by the rules above. */
export function namedPaths(root: string, doc: string, repository: Repository): NamedPath[] {
  const topLevel = topLevelEntries(repository.paths);
  const text = readFileSync(join(root, doc), 'utf8');
  const found: NamedPath[] = [];
  const bareNames = BARE_NAMES_CHECKED.test(doc);
  let fence: string | undefined;
  text.split('\n').forEach((line, index) => {
    const lineNo = index + 1;
    const fenceMark = /^\s*(```+|~~~+)/.exec(line);
    if (fenceMark) {
      if (fence === undefined) fence = fenceMark[1];
      else if (fenceMark[1]!.startsWith(fence)) fence = undefined;
      return;
    }
    if (fence !== undefined) {
      for (const word of line.split(/\s+/)) {
        const named = classify(word, topLevel, false);
        if (named) found.push({ doc, line: lineNo, text: word, ...named });
      }
      return;
    }
    for (const match of line.replace(SPAN, '').matchAll(LINK)) {
      const target = match[1]!.replace(/#.*$/, '');
      if (target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const path = posix.normalize(posix.join(dirname(doc).split('\\').join('/'), decodeURI(target)));
      found.push({ doc, line: lineNo, text: match[1]!, kind: 'link', path });
    }
    for (const match of line.matchAll(SPAN)) {
      for (const word of match[2]!.split(/\s+/)) {
        const named = classify(word, topLevel, bareNames);
        if (named) found.push({ doc, line: lineNo, text: word, ...named });
      }
    }
  });
  return found;
}

/** The documents the test holds to these rules: README.md, ARCHITECTURE.md, docs/ and the check catalogues. */
export function documents(root: string, repository: Repository): string[] {
  return [...repository.paths]
    .filter((p) => p === 'README.md' || p === 'ARCHITECTURE.md' || (p.startsWith('docs/') && p.endsWith('.md')) || /^suites\/[^/]+\/CHECKS\.md$/.test(p))
    .sort()
    .map((p) => relative(root, join(root, p)).split('\\').join('/'));
}
