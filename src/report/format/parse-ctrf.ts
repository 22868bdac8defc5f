import { DIALECTS, TRANSPORTS, type CheckResult, type ImplementationRef, type Level, type Outcome } from '../../results/check-result.js';
import type { RunInfo, WaiverNote } from '../../results/run-info.js';
import { invalidConfigError, notJsonError } from '../../errors/harness-error.js';
import { parseJson } from '../../json/parse-json.js';
import { formatReadableErrors, type ReadableError } from '../../schemas/readable-errors.js';
import { getSchemaRegistry } from '../../schemas/schema-registry.js';
import type { ImplementationReference, Layout1Test, RunInformation, WaiverNote as WaiverNoteJson } from '../../schemas/generated/report/ctrf-layout-1.js';
import type { DpsConformanceCtrfJsonLayouts2To4, Layout2Test } from '../../schemas/generated/report/ctrf-layout-2.js';
import { DPSC_CTRF_EXTRA_VERSION } from './ctrf-document.js';
import { unpackEvidence } from './evidence-packing.js';
import { restoreSharedValues } from './shared-values.js';

const LEVELS: readonly Level[] = ['MUST', 'SHOULD'];
const OUTCOMES: readonly Outcome[] = ['passed', 'failed', 'errored', 'skipped'];
/** Enough to fix a file by; a file broken everywhere would otherwise list every test. */
const MAX_PROBLEMS = 20;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first of `allowed` equal to `value`: typed, where the schema has already said it is one of them. */
const oneOf = <T>(allowed: readonly T[], value: unknown): T | undefined => allowed.find((a) => a === value);

function implementationOf(value: ImplementationReference): ImplementationRef {
  const implementation: ImplementationRef = { name: value.name };
  if (value.version !== undefined) implementation.version = value.version;
  if (value.displayName !== undefined) implementation.displayName = value.displayName;
  if (value.docsUrl !== undefined) implementation.docsUrl = value.docsUrl;
  return implementation;
}

function waiverNoteOf(value: WaiverNoteJson): WaiverNote {
  const note: WaiverNote = { checkId: value.checkId, reason: value.reason, expires: value.expires };
  if (value.caseId !== undefined) note.caseId = value.caseId;
  if (value.implementation !== undefined) note.implementation = value.implementation;
  return note;
}

/** The run info, with only RunInfo's members (a reader ignores members it does not know). */
function runInfoOf(value: RunInformation): RunInfo {
  const { tool, command, suiteVersion, startedAt } = value;
  const info: RunInfo = { tool: { name: tool.name, version: tool.version }, command, suiteVersion, startedAt };
  if (value.finishedAt !== undefined) info.finishedAt = value.finishedAt;
  if (value.incomplete !== undefined) info.incomplete = value.incomplete;
  if (value.incompleteReason !== undefined) info.incompleteReason = value.incompleteReason;
  if (value.shard !== undefined) info.shard = value.shard;
  if ('declaration' in value) info.declaration = value.declaration;
  const { waivers, signature, phases } = value;
  if (waivers !== undefined) {
    const { given, waivedResults, expired, unused } = waivers;
    info.waivers = { given, waivedResults, expired: expired.map(waiverNoteOf), unused: unused.map(waiverNoteOf) };
  }
  if (signature !== undefined) info.signature = { keyId: signature.keyId, file: signature.file };
  if (phases !== undefined) info.phases = phases.map((p) => ({ name: p.name, startMs: p.startMs, ms: p.ms }));
  return info;
}

/** A test of layout 1, where `extra` held every field of the result (the schema has checked each). */
function readLayout1(test: Layout1Test): CheckResult {
  const x = test.extra;
  // copy only CheckResult fields, in their usual order
  const result: CheckResult = {
    checkId: x.checkId, level: x.level, outcome: x.outcome, dialect: x.dialect, transport: x.transport, caseId: x.caseId,
    implementation: implementationOf(x.implementation), message: test.message,
  };
  if ('evidence' in x) result.evidence = x.evidence;
  if (x.mismatch !== undefined) result.mismatch = x.mismatch;
  if ('expected' in x) result.expected = x.expected;
  if ('actual' in x) result.actual = x.actual;
  if (x.durationMs !== undefined) result.durationMs = x.durationMs;
  if (x.exchangeMs !== undefined) result.exchangeMs = x.exchangeMs;
  if (x.waived !== undefined) result.waived = { reason: x.waived.reason, expires: x.waived.expires };
  if (x.harnessFault !== undefined) result.harnessFault = x.harnessFault;
  if (x.blockedBy !== undefined) result.blockedBy = x.blockedBy;
  return result;
}

/**
 * What a layout 2 to 4 document shares among its tests: the implementations by label, the evidence by id
 * (unpacked), and (layout 4) each check's usual passed message by `transport dialect`, which a passed test
 * without a message has.
 */
interface SharedParts {
  implementations: Record<string, ImplementationRef>;
  evidence: Record<string, unknown>;
  passedMessages: Readonly<Record<string, Readonly<Record<string, string>>>>;
  checkLevels: Readonly<Record<string, string>>;
}

const NAME = /^(\S+) \[([\s\S]*)\]$/;

/**
 * A test of layout 2, 3 or 4 (formatCtrf): the check and case from its name, implementation, transport and
 * dialect from its suite, the level from its first tag, the outcome from `rawStatus` (or the status), the
 * message and level its own or (layout 4, passed) its check's usual ones, the evidence from the store by id; the rest
 * from `extra`. The schema has checked the shape; what it cannot
 * say (a label or an evidence id that names nothing) is a problem at `at`, a JSON Pointer.
 */
function readLayout2(test: Layout2Test, at: string, shared: SharedParts, problems: string[]): CheckResult | undefined {
  const name = NAME.exec(test.name);
  const [label, transportValue, dialectValue] = test.suite;
  const implementation = typeof label === 'string' && Object.hasOwn(shared.implementations, label) ? shared.implementations[label] : undefined;
  if (implementation === undefined) problems.push(`${at}/suite/0: ${JSON.stringify(label)} names no implementation of /results/extra/implementations`);
  const x = test.extra ?? {};
  const evidenceId = x.evidence;
  const citesNothing = evidenceId !== undefined && !Object.hasOwn(shared.evidence, evidenceId);
  if (citesNothing) problems.push(`${at}/extra/evidence: ${JSON.stringify(evidenceId)} names no piece of /results/extra/evidence`);
  const transport = oneOf(TRANSPORTS, transportValue);
  const dialect = oneOf(DIALECTS, dialectValue);
  const outcome = test.rawStatus ?? oneOf(OUTCOMES, test.status);
  const checkId = name?.[1] ?? '';
  // a passed test without tags is at its check's level (layout 4)
  const usualLevel = test.tags === undefined && test.status === 'passed' && Object.hasOwn(shared.checkLevels, checkId) ? shared.checkLevels[checkId] : undefined;
  const level = oneOf(LEVELS, test.tags?.[0] ?? usualLevel);
  if (level === undefined) {
    const why = test.status === 'passed' ? `, and /results/extra/checkLevels holds no level of ${checkId}` : ' (only a passed test may leave it out)';
    problems.push(`${at}: missing required member "tags"${why}`);
  }
  const where = `${transport ?? ''} ${dialect ?? ''}`;
  const usual = test.status === 'passed' && Object.hasOwn(shared.passedMessages, checkId) ? shared.passedMessages[checkId]?.[where] : undefined;
  const message = test.message ?? usual;
  if (message === undefined) {
    const why = test.status === 'passed' ? `, and /results/extra/passedMessages holds no usual message of ${checkId} for "${where}"` : ' (only a passed test may leave it out)';
    problems.push(`${at}: missing required member "message"${why}`);
  }
  // the schema guarantees the four; the test keeps TypeScript honest about it
  if (!name || implementation === undefined || citesNothing || !transport || !dialect || !level || !outcome || message === undefined) return undefined;
  const result: CheckResult = { checkId, level, outcome, dialect, transport, caseId: name[2] ?? '', implementation, message };
  if (evidenceId !== undefined) result.evidence = shared.evidence[evidenceId];
  if (x.mismatch !== undefined) result.mismatch = x.mismatch;
  if ('expected' in x) result.expected = x.expected;
  if ('actual' in x) result.actual = x.actual;
  // a test's duration is the exchange the check judged, in whole ms; 0 when it judged none
  if (typeof test.duration === 'number' && test.duration > 0) result.exchangeMs = test.duration;
  if (x.waived !== undefined) result.waived = { reason: x.waived.reason, expires: x.waived.expires };
  if (x.harnessFault !== undefined) result.harnessFault = x.harnessFault;
  if (x.blockedBy !== undefined) result.blockedBy = x.blockedBy;
  return result;
}

/** Where a reader of the store notes what is wrong (parseCtrf's list of problems, a bench's list); `path` is a JSON Pointer. */
export interface ProblemSink {
  add(path: string, message: string): void;
}

const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The evidence store with each piece whole again: its shared values back in place (shared-values.ts, layout 4),
 * then unpacked (evidence-packing.ts); a piece that cannot be is a problem of the file.
 */
export function unpackStore(stored: Record<string, unknown>, sharedValues: unknown, problems: ProblemSink): Record<string, unknown> {
  const restored = restoreSharedValues(stored, sharedValues);
  for (const problem of restored.problems) problems.add('/results/extra/sharedValues', problem);
  const out: Record<string, unknown> = {};
  for (const [id, piece] of Object.entries(restored.store)) {
    try {
      out[id] = unpackEvidence(piece);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      problems.add(`/results/extra/evidence/${pointerSegment(id)}`, `a body marked bodyFromText or parsedFrom has a text that cannot be read back (${why})`);
      out[id] = piece;
    }
  }
  return out;
}

function readLayout2Document(document: DpsConformanceCtrfJsonLayouts2To4, problems: string[]): CheckResult[] {
  const { extra } = document.results;
  const implementations: Record<string, ImplementationRef> = {};
  for (const [label, implementation] of Object.entries(extra.implementations)) implementations[label] = implementationOf(implementation);
  // what layout 4 added is read from layout 4 only
  const layout4 = extra.dpscExtraVersion >= 4;
  const sink = { add: (path: string, message: string) => problems.push(`${path}: ${message}`) };
  const evidence = unpackStore(extra.evidence, layout4 ? extra.sharedValues : undefined, sink);
  const shared = { implementations, evidence, passedMessages: layout4 ? extra.passedMessages ?? {} : {}, checkLevels: layout4 ? extra.checkLevels ?? {} : {} };
  const results: CheckResult[] = [];
  document.results.tests.forEach((test, index) => {
    const result = readLayout2(test, `/results/tests/${index}`, shared, problems);
    if (result) results.push(result);
  });
  return results;
}

/** The layout a document says it has: `results.extra.dpscExtraVersion`, 1 when absent (the first layout wrote none). */
function layoutOf(document: unknown): unknown {
  const results = isObject(document) ? document.results : undefined;
  const extra = isObject(results) ? results.extra : undefined;
  return isObject(extra) && extra.dpscExtraVersion !== undefined ? extra.dpscExtraVersion : 1;
}

/** The problems as the error lists them: at most MAX_PROBLEMS, then how many more. */
function listed(problems: readonly string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  return [...problems.slice(0, MAX_PROBLEMS), `... and ${problems.length - MAX_PROBLEMS} more`];
}

/**
 * Reads a ctrf.json written by formatCtrf back into results and run info (for `report merge`, `report
 * diff`, `verify-report` and the Action), in any layout a dps-conformance has written: 1 (each test's
 * `extra` held every field), 2 (implementations and evidence shared), 3 (the evidence packed) and 4 (long
 * values shared, usual passed messages and levels once). The
 * document is checked against the CTRF schema of the `ctrf` package (`ctrf/report`) and the schema of
 * its layout (`report/ctrf-layout-N`, chosen by `results.extra.dpscExtraVersion`) through the schema
 * registry. Results that cite one piece of evidence share one object. Accepts the file's text or the
 * parsed value; anything else is a harness error (exit status 2) naming the file (`source`) and, for
 * each problem, its JSON Pointer and what was expected.
 */
export function parseCtrf(input: unknown, source = 'ctrf.json'): { results: CheckResult[]; runInfo: RunInfo } {
  let document = input;
  if (typeof input === 'string') {
    try {
      // big integers in evidence keep every digit (docs/contract/reports.md, "Exact numbers")
      document = parseJson(input);
    } catch (error) {
      throw notJsonError(source, error instanceof Error ? error.message : String(error));
    }
  }
  const registry = getSchemaRegistry();
  const ctrf = registry.check('ctrf/report', document);
  const ctrfErrors = ctrf.valid ? [] : ctrf.errors;
  const problems = formatReadableErrors(ctrfErrors).map((line) => `${line} (CTRF schema)`);
  // a member CTRF itself already faults is not faulted again by the layout (a duration that is not a number)
  const faulted = new Set(ctrfErrors.map((e) => e.path));
  const layoutProblems = (errors: readonly ReadableError[], layout: number): string[] =>
    formatReadableErrors(errors.filter((e) => !faulted.has(e.path))).map((line) => `${line} (dps-conformance layout ${layout})`);
  if (!isObject(document) || document.reportFormat !== 'CTRF') throw invalidConfigError(source, ['(document): not a CTRF report (reportFormat must be "CTRF")', ...listed(problems)]);
  const layout = layoutOf(document);
  if (typeof layout === 'number' && Number.isInteger(layout) && layout > DPSC_CTRF_EXTRA_VERSION) {
    throw invalidConfigError(source, [`/results/extra/dpscExtraVersion: is ${layout}; this dps-conformance reads layouts 1 to ${DPSC_CTRF_EXTRA_VERSION} (a newer dps-conformance wrote it: upgrade)`]);
  }
  if (layout === 1) {
    const checked = registry.check('report/ctrf-layout-1', document);
    if (!checked.valid) {
      const extra = isObject(document.results) ? document.results.extra : undefined;
      const foreign = !isObject(extra) || !isObject(extra.runInfo);
      if (foreign) problems.unshift('/results/extra/runInfo: missing: this CTRF file was not written by dps-conformance');
      problems.push(...layoutProblems(checked.errors, 1));
      throw invalidConfigError(source, listed(problems));
    }
    if (problems.length > 0) throw invalidConfigError(source, listed(problems));
    return { results: checked.value.results.tests.map(readLayout1), runInfo: runInfoOf(checked.value.results.extra.runInfo) };
  }
  if (layout === 2 || layout === 3 || layout === 4) {
    const checked = registry.check('report/ctrf-layout-2', document);
    if (!checked.valid) {
      problems.push(...layoutProblems(checked.errors, layout));
      throw invalidConfigError(source, listed(problems));
    }
    const results = readLayout2Document(checked.value, problems);
    if (problems.length > 0) throw invalidConfigError(source, listed(problems));
    return { results, runInfo: runInfoOf(checked.value.results.extra.runInfo) };
  }
  const shown = typeof layout === 'number' || typeof layout === 'bigint' || typeof layout === 'boolean' ? String(layout)
    : typeof layout === 'string' ? JSON.stringify(layout) : Array.isArray(layout) ? 'an array' : layout === null ? 'null' : 'an object';
  throw invalidConfigError(source, [`/results/extra/dpscExtraVersion: expected a layout number from 1 to ${DPSC_CTRF_EXTRA_VERSION}, got ${shown}`, ...listed(problems)]);
}
