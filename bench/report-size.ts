import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCtrf, unpackStore } from '../src/report/format/parse-ctrf.js';
import { parseJson } from '../src/json/parse-json.js';
import { stringifyJson } from '../src/json/stringify-json.js';
import type { CheckResult } from '../src/results/check-result.js';
import type { BenchRow } from './bench-row.js';

/** The files of a report set whose size has a target (issue: the main job's report set). */
const SIZED_FILES = ['ctrf.json', 'junit.xml', 'report.html', 'summary.md'] as const;
type SizedFile = (typeof SIZED_FILES)[number];

/** What a report directory holds, measured, and whether every result and piece of evidence can be reached in it. */
export interface ReportSetFigures {
  bytes: Record<SizedFile, number>;
  summaryLines: number;
  /** summary.md's first section after the verdict (and what was declared and signed) is the per-implementation verdicts */
  summaryOpensWithVerdicts: boolean;
  results: number;
  evidencePieces: number;
  /** results that cite a piece of evidence */
  citing: number;
  /** ctrf.json's tests with each one's evidence written inline, whole, instead of by id: what the file held before evidence was stored once */
  inlineBytes: number;
  /** what could not be reached: a test citing no stored piece, a piece no test cites, a JUnit or report.html pointer to nothing, counts that differ */
  unreachable: string[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const bytesOf = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The summary.md sections in order (`## ...` headings). */
function sections(markdown: string): string[] {
  return [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1] ?? '');
}

/**
 * Measures a report directory and reads every result's evidence back: each test of ctrf.json that
 * cites a piece must find it in the store and get it back from parseCtrf (the reader `report merge`,
 * `report diff` and `verify-report` use), each stored piece must be cited, and JUnit's and report.html's
 * pointers must name stored pieces.
 */
export async function measureReportSet(out: string): Promise<ReportSetFigures> {
  const texts = Object.fromEntries(await Promise.all(SIZED_FILES.map(async (name) => [name, await readFile(join(out, name), 'utf8')] as const))) as Record<SizedFile, string>;
  const bytes = Object.fromEntries(SIZED_FILES.map((name) => [name, bytesOf(texts[name])])) as Record<SizedFile, number>;
  const unreachable: string[] = [];
  // parseJson as parseCtrf reads it: evidence with an integer beyond 2^53 compares digit for digit
  const raw = parseJson(texts['ctrf.json']) as { results: { summary: { tests: number }; tests: Json[]; extra: { evidence?: Json; sharedValues?: unknown } } };
  const tests = raw.results.tests;
  const store = raw.results.extra.evidence ?? {};
  // each piece whole, as the result had it (ctrf.json stores it packed, its repeated values once: docs/contract/reports.md)
  const wholeStore = unpackStore(store, raw.results.extra.sharedValues, { add: (path, message) => unreachable.push(`${path}: ${message}`) });
  let parsed: CheckResult[] | undefined;
  try {
    parsed = parseCtrf(texts['ctrf.json']).results;
  } catch (error) {
    unreachable.push(`ctrf.json does not read back: ${(error instanceof Error ? error.message : String(error)).split('\n').slice(0, 3).join(' ')}`);
  }
  if ((parsed !== undefined && parsed.length !== tests.length) || tests.length !== raw.results.summary.tests) {
    unreachable.push(`${String(raw.results.summary.tests)} results counted, ${String(tests.length)} tests, ${String(parsed?.length ?? 0)} read back`);
  }
  const cited = new Set<string>();
  let inlineBytes = 0;
  let citing = 0;
  const notStored: string[] = [];
  const notReadBack: string[] = [];
  tests.forEach((test, index) => {
    const line = stringifyJson(test);
    const id = isObject(test.extra) ? test.extra.evidence : undefined;
    inlineBytes += bytesOf(line) + 1;
    if (typeof id !== 'string') return;
    citing += 1;
    cited.add(id);
    const piece = store[id];
    if (piece === undefined) notStored.push(`${String(test.name)}: evidence ${id}`);
    else {
      const whole = stringifyJson(wholeStore[id]);
      if (parsed !== undefined && stringifyJson(parsed[index]?.evidence) !== whole) notReadBack.push(`${String(test.name)}: evidence ${id}`);
      inlineBytes += bytesOf(whole) - bytesOf(stringifyJson(id));
    }
  });
  const some = (list: readonly string[]): string => `${list.slice(0, 3).join(', ')}${list.length > 3 ? ', ...' : ''}`;
  if (notStored.length > 0) unreachable.push(`${notStored.length} results cite evidence that is not stored (${some(notStored)})`);
  if (notReadBack.length > 0) unreachable.push(`${notReadBack.length} results read back without their evidence (${some(notReadBack)})`);
  const uncited = Object.keys(store).filter((id) => !cited.has(id));
  if (uncited.length > 0) unreachable.push(`${uncited.length} stored pieces no result cites (${uncited.slice(0, 3).join(', ')})`);
  const junitIds = [...new Set([...texts['junit.xml'].matchAll(/evidence (e\d+): ctrf\.json/g)].map((m) => m[1] ?? ''))];
  const junitMissing = junitIds.filter((id) => store[id] === undefined);
  if (junitMissing.length > 0) unreachable.push(`junit.xml points to ${junitMissing.length} pieces not stored (${junitMissing.slice(0, 3).join(', ')})`);
  const testcases = texts['junit.xml'].match(/<testcase /g)?.length ?? 0;
  if (testcases !== tests.length) unreachable.push(`junit.xml has ${testcases} testcases for ${tests.length} results`);
  const htmlIds = new Set([...texts['report.html'].matchAll(/ id="(evidence-[^"]+)"/g)].map((m) => m[1]));
  const htmlLinks = [...new Set([...texts['report.html'].matchAll(/<a href="#(evidence-[^"]+)"/g)].map((m) => m[1] ?? ''))];
  const htmlBroken = htmlLinks.filter((id) => !htmlIds.has(id) || store[id.replace(/^evidence-/, '')] === undefined);
  if (htmlBroken.length > 0) unreachable.push(`report.html links ${htmlBroken.length} pieces it or ctrf.json does not hold (${htmlBroken.slice(0, 3).join(', ')})`);
  const headings = sections(texts['summary.md']).filter((heading) => heading !== 'Declared and signed');
  return {
    bytes,
    summaryLines: texts['summary.md'].split('\n').length - (texts['summary.md'].endsWith('\n') ? 1 : 0),
    summaryOpensWithVerdicts: headings[0] === 'Verdict per implementation',
    results: tests.length,
    evidencePieces: Object.keys(store).length,
    citing,
    inlineBytes,
    unreachable,
  };
}

const MB = 1_000_000;
const mb = (bytes: number): number => bytes / MB;

/**
 * The size rows of a report set (targets for the main job: ctrf.json <= 4 MB, junit.xml <= 3 MB,
 * report.html <= 1 MB, summary.md <= 1,000 lines opening with the verdict per implementation), each met
 * only when every result and piece of evidence is still reachable.
 */
export function reportSizeRows(figures: ReportSetFigures, what: string): BenchRow[] {
  const reachable = figures.unreachable.length === 0;
  const reach = reachable
    ? `all ${figures.results} results read back, ${figures.citing} of them citing ${figures.evidencePieces} pieces of evidence, each stored once and found`
    : `NOT ALL REACHABLE: ${figures.unreachable.slice(0, 5).join('; ')}`;
  const sizeRow = (file: SizedFile, targetMb: number, extra: Partial<BenchRow> = {}, note = ''): BenchRow => ({
    name: `${what}: ${file} size`,
    figure: mb(figures.bytes[file]),
    unit: 'MB',
    target: `<= ${targetMb} MB, everything reachable`,
    met: figures.bytes[file] <= targetMb * MB && reachable,
    note: `${note}${note ? '; ' : ''}${reach}`,
    ...extra,
  });
  return [
    sizeRow('ctrf.json', 4, { baseline: mb(figures.inlineBytes), ratio: figures.bytes['ctrf.json'] / figures.inlineBytes }, 'baseline column: the same tests with each one\'s evidence inline (before it was stored once); MB = 10^6 bytes'),
    sizeRow('junit.xml', 3),
    sizeRow('report.html', 1),
    {
      name: `${what}: summary.md lines`,
      figure: figures.summaryLines,
      unit: 'lines',
      target: '<= 1000, verdict per implementation first',
      met: figures.summaryLines <= 1000 && figures.bytes['summary.md'] <= 1024 * 1024 && figures.summaryOpensWithVerdicts,
      note: `${(figures.bytes['summary.md'] / 1024).toFixed(0)} KiB (GitHub's job summary limit is 1 MiB); ${figures.summaryOpensWithVerdicts ? 'opens with the verdict per implementation' : 'DOES NOT open with the verdict per implementation'}`,
    },
  ];
}
