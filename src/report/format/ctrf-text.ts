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
  const document = formatCtrf(results, runInfo);
  const tests = document.results.tests;
  const head = safeStringify({ ...document, results: { ...document.results, tests: [] } }, 2);
  const lines = tests.map((test) => `      ${safeStringify(test)}`).join(',\n');
  const body = tests.length === 0 ? '[]' : `[\n${lines}\n    ]`;
  // a function, not a string: a replacement string would expand `$'`, `$&`... that a target's text may hold
  return `${head.replace('"tests": []', () => `"tests": ${body}`)}\n`;
}
