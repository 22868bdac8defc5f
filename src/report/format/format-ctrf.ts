import type { CheckResult, ImplementationRef, Level, Outcome } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, groupBy, rowKey } from '../../results/summarise-results.js';
import { adapterFaultOf, crashLine, errorLine } from './crash-line.js';
import { EvidenceIndex } from './evidence-index.js';
import { packEvidence } from './evidence-packing.js';
import { shareRepeatedValues } from './shared-values.js';
import { implementationCoordinate, implementationLabel } from './implementation-label.js';
import { toJsonSafe } from './json-safe.js';
import { truncateText } from './text-limits.js';
import { CTRF_SPEC_VERSION, DPSC_CTRF_EXTRA_VERSION, type CtrfDocument, type CtrfStatus, type CtrfTest } from './ctrf-document.js';

/**
 * CTRF status of each outcome. `errored` is `failed` (with `rawStatus: "errored"`), not `other`: a target
 * that crashed or hung fails conformance as surely as a wrong answer, and CTRF tools show `other` as
 * neutral. A waived result is `other` (with `rawStatus` its outcome and the tag `WAIVED`): accepted, so
 * never counted among the failures. The exact outcome is kept in `rawStatus` whenever it differs.
 */
export const CTRF_STATUS: Readonly<Record<Outcome, CtrfStatus>> = {
  passed: 'passed',
  failed: 'failed',
  errored: 'failed',
  skipped: 'skipped',
};

/** The tag of a waived result, beside its level. */
export const WAIVED_TAG = 'WAIVED';

function statusOf(result: CheckResult): CtrfStatus {
  return result.waived !== undefined ? 'other' : CTRF_STATUS[result.outcome];
}

/** The CTRF test name: `checkId [caseId]`; the implementation, transport and dialect are its `suite`. */
export function ctrfTestName(result: Pick<CheckResult, 'checkId' | 'caseId'>): string {
  return `${result.checkId} [${result.caseId}]`;
}

function epochMs(iso: string | undefined, fallback: number): number {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms : fallback;
}

/** CheckResult fields a test's `extra` keeps when present, in a fixed order so a re-written file is byte-identical. */
const EXTRA_KEYS = ['mismatch', 'expected', 'actual', 'waived', 'harnessFault', 'blockedBy'] as const satisfies ReadonlyArray<keyof CheckResult>;

/** What a test needs beyond CTRF's own fields, JSON-safe; the evidence as its id in the document's store. */
function testExtra(result: CheckResult, evidenceId: string | undefined): Record<string, unknown> | undefined {
  const extra: Record<string, unknown> = {};
  for (const key of EXTRA_KEYS) {
    const value = toJsonSafe(result[key]);
    if (value !== undefined) extra[key] = value;
  }
  if (evidenceId !== undefined) extra.evidence = evidenceId;
  return Object.keys(extra).length === 0 ? undefined : extra;
}

/** Enough of a trace to see the cause in a CTRF tool; the adapter's stderr and the whole exchange are the evidence. */
const MAX_TRACE_CHARS = 400;

/**
 * CTRF `trace` of a failed or errored result whose adapter crashed or misbehaved: the crash's first line
 * and the fault, and where the stderr is. Without a fault, only an error line of the stderr is quoted:
 * an adapter's ordinary log line in every failure's trace was noise (and a fifth of the main job's
 * ctrf.json); the stderr stays whole in the evidence.
 */
function traceOf(result: CheckResult, evidenceId: string | undefined): { trace?: string } {
  if (result.outcome !== 'failed' && result.outcome !== 'errored') return {};
  const fault = adapterFaultOf(result.evidence);
  const crash = fault === undefined ? errorLine(result.evidence) : crashLine(result.evidence);
  if (fault === undefined && crash === undefined) return {};
  const parts = [crash, fault ? `${fault.kind}: ${fault.message}` : undefined].filter((p): p is string => p !== undefined && p !== '');
  const where = evidenceId === undefined ? '' : `\nstderr and the whole exchange: evidence ${evidenceId}`;
  return { trace: `${truncateText(parts.join('\n'), MAX_TRACE_CHARS)}${where}` };
}

/**
 * The implementations a document names, by the label its tests' `suite` starts with: the label every
 * report shows, made unique with the coordinate when two implementations share one.
 */
function implementationKeys(results: readonly CheckResult[]): { keyOf: (r: CheckResult) => string; table: Record<string, ImplementationRef> } {
  const byCoordinate = new Map<string, ImplementationRef>();
  for (const r of results) if (!byCoordinate.has(implementationCoordinate(r))) byCoordinate.set(implementationCoordinate(r), r.implementation);
  const labels = groupBy([...byCoordinate.values()], (impl) => implementationLabel({ implementation: impl }));
  const keys = new Map<string, string>();
  const table: Record<string, ImplementationRef> = {};
  for (const [label, impls] of labels) {
    for (const impl of impls) {
      const coordinate = implementationCoordinate({ implementation: impl });
      const key = impls.length === 1 ? label : `${label} (${coordinate})`;
      keys.set(coordinate, key);
      table[key] = toJsonSafe(impl) as ImplementationRef;
    }
  }
  return { keyOf: (r) => keys.get(implementationCoordinate(r)) ?? implementationLabel(r), table };
}

/** Where a check's usual passed message applies: its transport and dialect, `mqtt ga` (the words differ by both). */
export function passedMessageKey(result: Pick<CheckResult, 'transport' | 'dialect'>): string {
  return `${result.transport} ${result.dialect}`;
}

/**
 * Each check's usual message when it passed, per transport and dialect: the message most of those passed
 * results share (at least two of them; the first such in result order on a tie). A passed test whose
 * message is the usual one leaves it out and the document holds it once (`results.extra.passedMessages`,
 * `{checkId: {"mqtt ga": message}}`): the same words on hundreds of passed tests were a seventh of the main
 * job's ctrf.json. parseCtrf puts it back.
 */
export function usualPassedMessages(results: readonly CheckResult[]): Record<string, Record<string, string>> {
  const counts = new Map<string, Map<string, Map<string, number>>>();
  for (const r of results) {
    if (r.outcome !== 'passed' || r.waived !== undefined) continue;
    const ofCheck = counts.get(r.checkId) ?? new Map<string, Map<string, number>>();
    const where = passedMessageKey(r);
    const ofWhere = ofCheck.get(where) ?? new Map<string, number>();
    ofWhere.set(r.message, (ofWhere.get(r.message) ?? 0) + 1);
    ofCheck.set(where, ofWhere);
    counts.set(r.checkId, ofCheck);
  }
  const usual: Record<string, Record<string, string>> = {};
  for (const checkId of [...counts.keys()].sort()) {
    const ofCheck = counts.get(checkId) ?? new Map<string, Map<string, number>>();
    const byWhere: Record<string, string> = {};
    for (const where of [...ofCheck.keys()].sort()) {
      let best: [string, number] | undefined;
      for (const entry of ofCheck.get(where) ?? []) if (best === undefined || entry[1] > best[1]) best = entry;
      if (best !== undefined && best[1] >= 2) byWhere[where] = best[0];
    }
    if (Object.keys(byWhere).length > 0) usual[checkId] = byWhere;
  }
  return usual;
}

/**
 * Each check's level, as most of its results have it (a check has one level in its catalogue). A passed
 * test at its check's level leaves out its tags (`results.extra.checkLevels`); a test that failed, was
 * skipped or waived always carries them: the level of a failure is what a reader filters on.
 */
export function checkLevels(results: readonly CheckResult[]): Record<string, Level> {
  const counts = new Map<string, { MUST: number; SHOULD: number }>();
  for (const r of results) {
    const ofCheck = counts.get(r.checkId) ?? { MUST: 0, SHOULD: 0 };
    ofCheck[r.level] += 1;
    counts.set(r.checkId, ofCheck);
  }
  return Object.fromEntries([...counts.keys()].sort().map((checkId) => {
    const { MUST, SHOULD } = counts.get(checkId) ?? { MUST: 0, SHOULD: 0 };
    return [checkId, SHOULD > MUST ? 'SHOULD' : 'MUST'];
  }));
}

/** `{checkId: {"mqtt ga": message}}` (usualPassedMessages) */
type PassedMessages = Readonly<Record<string, Record<string, string>>>;

/** What the document says once for its passed tests: their usual messages and their checks' levels. */
interface SaidOnce {
  passedMessages: PassedMessages;
  levels: Readonly<Record<string, Level>>;
}

function ctrfTest(result: CheckResult, implementation: string, evidenceId: string | undefined, said: SaidOnce): CtrfTest {
  const status = statusOf(result);
  const test: CtrfTest = {
    name: ctrfTestName(result),
    status,
    // the time the exchange the check judged took (the register call, the webhook's answer), else 0: a
    // check's own evaluation time says nothing about the target
    duration: Math.max(0, Math.round(result.exchangeMs ?? 0)),
  };
  const usual = status === 'passed' ? said.passedMessages[result.checkId]?.[passedMessageKey(result)] : undefined;
  if (usual !== result.message) test.message = result.message;
  if (status !== result.outcome) test.rawStatus = result.outcome;
  Object.assign(test, traceOf(result, evidenceId));
  test.suite = [implementation, result.transport, result.dialect];
  if (status !== 'passed' || said.levels[result.checkId] !== result.level) test.tags = result.waived === undefined ? [result.level] : [result.level, WAIVED_TAG];
  const extra = testExtra(result, evidenceId);
  if (extra !== undefined) test.extra = extra;
  return test;
}

/**
 * A CTRF document of the results (docs/contract/reports.md "ctrf.json"). Each test is one result: its
 * name `checkId [caseId]`, its suite `[implementation, transport, dialect]`, its tags `[level]` (and
 * `WAIVED`), its message unless it passed with its check's usual one, its `extra` only what the result has
 * beyond that. The document's `extra` holds the run info, the implementations by label, each check's
 * usual passed message, and each piece of evidence once (`evidence`, by id, packed:
 * evidence-packing.ts), which the tests that cite it name. parseCtrf reads it back. An integer of the
 * evidence beyond 2^53 stays a `bigint`: write the document with stringifyJson
 * (src/json/stringify-json.ts), which writes its digits; JSON.stringify refuses it.
 */
export function formatCtrf(results: readonly CheckResult[], runInfo: RunInfo): CtrfDocument {
  const start = epochMs(runInfo.startedAt, 0);
  const stop = Math.max(start, epochMs(runInfo.finishedAt, start));
  const counts = countOutcomes(results);
  const evidence = new EvidenceIndex(results);
  const { keyOf, table } = implementationKeys(results);
  const passedMessages = usualPassedMessages(results);
  const levels = checkLevels(results);
  const { pieces, sharedValues } = shareRepeatedValues([...evidence.pieces].map(([id, piece]) => [id, packEvidence(piece)] as const));
  const waived = counts.waived;
  const document: CtrfDocument = {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    generatedBy: 'dps-conformance',
    results: {
      tool: { name: 'dps-conformance', version: runInfo.tool.version },
      summary: {
        tests: results.length,
        passed: counts.passed,
        failed: counts.failed + counts.errored - waived,
        skipped: counts.skipped,
        pending: 0,
        other: waived,
        suites: groupBy(results, rowKey).size,
        start,
        stop,
        duration: stop - start,
        extra: { ...counts },
      },
      tests: results.map((r) => ctrfTest(r, keyOf(r), evidence.idOf(r), { passedMessages, levels })),
      extra: {
        dpscExtraVersion: DPSC_CTRF_EXTRA_VERSION,
        runInfo: toJsonSafe(runInfo),
        implementations: table,
        checkLevels: levels,
        passedMessages,
        sharedValues,
        evidence: Object.fromEntries(pieces),
      },
    },
  };
  if (stop > 0) document.timestamp = new Date(stop).toISOString();
  if (runInfo.shard !== undefined) document.results.environment = { shardId: runInfo.shard };
  return document;
}
