import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import type { CheckResult } from '../../src/results/check-result.js';

/** Every field of a result, as version 1 of ctrf.json kept it in each test's `extra`. */
function resultExtra(result: CheckResult): Record<string, unknown> {
  const { message: _message, ...fields } = result;
  return { ...fields };
}

/**
 * ctrf.json text as the tests read it: the document, with each test's message and tags (a passed test
 * may leave out its check's usual message and level) and its `extra` holding every field of its result (check, level, outcome,
 * case, implementation, evidence, ...), however the file shares them (the implementations by label,
 * the evidence by id, docs/contract/reports.md). Throws what
 * parseCtrf throws for a file that is not a dps-conformance report.
 */
export function ctrfView(text: string): unknown {
  const document = JSON.parse(text) as { results: { tests: Array<Record<string, unknown>> } };
  const { results } = parseCtrf(document, 'ctrf.json');
  document.results.tests = document.results.tests.map((test, i) => {
    const result = results[i];
    if (result === undefined) return test;
    return { ...test, message: result.message, tags: test.tags ?? [result.level], rawStatus: result.outcome, extra: resultExtra(result) };
  });
  return document;
}
