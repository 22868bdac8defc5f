import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { formatCtrf } from './format-ctrf.js';
import { safeStringify } from './json-safe.js';

/**
 * ctrf.json as text: the document indented for a person, each test on one line. Indenting every test
 * made a third of the file whitespace (6.8 MB for 4,889 results); one line per test also keeps the file
 * greppable and its diffs one line per result.
 */
export function ctrfText(results: readonly CheckResult[], runInfo: RunInfo): string {
  return [...ctrfChunks(results, runInfo)].join('');
}

/** ctrfText's text in pieces (one per test), so that a big report is written without holding it whole. */
export function* ctrfChunks(results: readonly CheckResult[], runInfo: RunInfo): Generator<string> {
  const document = formatCtrf(results, runInfo);
  const tests = document.results.tests;
  const head = safeStringify({ ...document, results: { ...document.results, tests: [] } }, 2);
  // the first match is the member itself: a target's text in the head is JSON-escaped, so its quotes never match
  const marker = '"tests": []';
  const at = head.indexOf(marker);
  if (tests.length === 0) {
    yield `${head}\n`;
    return;
  }
  yield `${head.slice(0, at)}"tests": [\n`;
  for (let i = 0; i < tests.length; i += 1) yield `      ${safeStringify(tests[i])}${i < tests.length - 1 ? ',' : ''}\n`;
  yield `    ]${head.slice(at + marker.length)}\n`;
}
