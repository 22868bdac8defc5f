import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../src/meta/package-info.js';
import { invalidConfigError } from '../../src/errors/harness-error.js';
import { parseJsonText } from '../../src/json/parse-json-file.js';
import type { CorpusCase } from './corpus-case.js';
import { nearLimitCase } from './near-limit-case.js';
import { corpusProblems, type SourcedEntry } from './validate-corpus.js';

/** Where the corpus data files live (`suites/corpus/cases/*.json`, each an array of entries). */
export const CORPUS_DIR = packagePath('suites', 'corpus', 'cases');

/** Reads the corpus files of a directory, in file-name order, with where each entry came from. */
export function readCorpusEntries(dir: string = CORPUS_DIR): SourcedEntry[] {
  const entries: SourcedEntry[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const source = join('suites', 'corpus', 'cases', name);
    const document = parseJsonText(readFileSync(join(dir, name), 'utf8'), source);
    if (!Array.isArray(document)) throw invalidConfigError(source, ['(document): expected an array of corpus entries']);
    document.forEach((value, index) => entries.push({ source, index, value }));
  }
  return entries;
}

let cached: readonly CorpusCase[] | undefined;

/**
 * The built-in case corpus, validated (schema and cross-entry rules) on first load: the data files
 * plus the generated near-limit case. A corpus mistake is a harness error (exit 2), never a result.
 * The webhook, device and end-to-end suites all iterate this list; callers must not mutate it.
 */
export function loadCorpus(): CorpusCase[] {
  if (!cached) {
    const entries = [...readCorpusEntries(), { source: 'suites/corpus/near-limit-case.ts', index: 0, value: nearLimitCase() }];
    const problems = corpusProblems(entries);
    if (problems.length > 0) throw invalidConfigError('the built-in case corpus', problems);
    cached = Object.freeze(entries.map((e) => e.value as CorpusCase));
  }
  return [...cached];
}
