import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { formatCtrf } from './format-ctrf.js';
import { safeStringify } from './json-safe.js';

/**
 * ctrf.json as text: the document indented for a person, each test on one line and each piece of
 * evidence on one line, those lines not indented. Indenting every test made a third of the file
 * whitespace (6.8 MB for 4,889 results), and even six spaces a line were 73 KB of the main job's;
 * one line per test also keeps the file greppable and its diffs one line per result.
 */
export function ctrfText(results: readonly CheckResult[], runInfo: RunInfo): string {
  return [...ctrfChunks(results, runInfo)].join('');
}

const indent = (text: string, by: string): string => text.replace(/\n/g, `\n${by}`);

/** Members of the document's `extra` written one line per member of theirs, as the evidence is. */
const ONE_LINE_EACH = new Set(['sharedValues']);

/** `"key": {...}` members, one per line, as the body of an object at the given indent. */
function* membersPerLine(entries: ReadonlyArray<readonly [string, unknown]>, pad: string): Generator<string> {
  for (let i = 0; i < entries.length; i += 1) {
    const [key, value] = entries[i] as readonly [string, unknown];
    yield `${pad}${JSON.stringify(key)}: ${safeStringify(value)}${i < entries.length - 1 ? ',' : ''}\n`;
  }
}

/** ctrfText's text in pieces (one per test and per piece of evidence), so that a big report is written without holding it whole. */
export function* ctrfChunks(results: readonly CheckResult[], runInfo: RunInfo): Generator<string> {
  const document = formatCtrf(results, runInfo);
  const { tests, extra = {}, ...rest } = document.results;
  const { evidence, ...info } = extra as { evidence?: Record<string, unknown> } & Record<string, unknown>;
  // everything before the tests, indented for a person; the test list and the evidence store written line by line
  const head = safeStringify({ ...document, results: { ...rest, tests: [] } }, 2);
  const marker = '"tests": []';
  const at = head.indexOf(marker);
  yield `${head.slice(0, at)}"tests": [\n`;
  for (let i = 0; i < tests.length; i += 1) yield `${safeStringify(tests[i])}${i < tests.length - 1 ? ',' : ''}\n`;
  yield '    ],\n    "extra": {\n';
  const infoEntries = Object.entries(info);
  for (const [key, value] of infoEntries) {
    if (ONE_LINE_EACH.has(key) && typeof value === 'object' && value !== null) {
      // a table of many members (the shared values): one line per member, like the evidence
      const members = Object.entries(value);
      yield `      ${JSON.stringify(key)}: {${members.length === 0 ? '' : '\n'}`;
      yield* membersPerLine(members, '');
      yield `${members.length === 0 ? '' : '      '}},\n`;
    } else yield `      ${JSON.stringify(key)}: ${indent(safeStringify(value, 2), '      ')},\n`;
  }
  const pieces = Object.entries(evidence ?? {});
  if (pieces.length === 0) yield '      "evidence": {}\n';
  else {
    yield '      "evidence": {\n';
    yield* membersPerLine(pieces, '');
    yield '      }\n';
  }
  yield `    }${head.slice(at + marker.length)}\n`;
}
