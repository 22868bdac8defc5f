import type { CheckResult, Outcome } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, groupBy, rowKey } from '../../results/summarise-results.js';
import { adapterFaultOf, crashLine, stderrOf } from './crash-line.js';
import { toJsonSafe } from './json-safe.js';
import { truncateText } from './text-limits.js';
import { CTRF_SPEC_VERSION, DPSC_CTRF_EXTRA_VERSION, type CtrfDocument, type CtrfStatus, type CtrfTest } from './ctrf-document.js';

/**
 * CTRF status of each outcome. `errored` is `failed` (with `rawStatus: "errored"`), not `other`: a target
 * that crashed or hung fails conformance as surely as a wrong answer, and CTRF tools show `other` as
 * neutral. The exact outcome is kept in `rawStatus` and `extra.outcome`.
 */
export const CTRF_STATUS: Readonly<Record<Outcome, CtrfStatus>> = {
  passed: 'passed',
  failed: 'failed',
  errored: 'failed',
  skipped: 'skipped',
};

/** The CTRF test name: `checkId [caseId] implementation transport dialect`. */
export function ctrfTestName(result: CheckResult): string {
  return `${result.checkId} [${result.caseId}] ${rowKey(result)}`;
}

function epochMs(iso: string | undefined, fallback: number): number {
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms : fallback;
}

/** CheckResult fields kept in each test's `extra`, in a fixed order so a re-written file is byte-identical. */
const EXTRA_KEYS = [
  'checkId', 'level', 'outcome', 'dialect', 'transport', 'caseId', 'implementation',
  'mismatch', 'expected', 'actual', 'evidence', 'durationMs', 'exchangeMs', 'waived', 'harnessFault',
  'blockedBy',
] as const satisfies ReadonlyArray<Exclude<keyof CheckResult, 'message'>>;

/** Every CheckResult field except the message (CTRF holds it natively), JSON-safe. */
function testExtra(result: CheckResult): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const key of EXTRA_KEYS) {
    const value = toJsonSafe(result[key]);
    if (value !== undefined) extra[key] = value;
  }
  return extra;
}

/** Enough of a trace to see the cause; the whole evidence stays in `extra`. */
const MAX_TRACE_CHARS = 8 * 1024;

/**
 * CTRF `trace` of a failed or errored result: the crash's first line, then the target's stderr (the
 * stack of a crashed adapter), or the fault the harness recorded, so CTRF tools show the cause.
 */
function traceOf(result: CheckResult): { trace?: string } {
  if (result.outcome !== 'failed' && result.outcome !== 'errored') return {};
  const stderr = stderrOf(result.evidence);
  const fault = adapterFaultOf(result.evidence);
  const parts = [crashLine(result.evidence), fault ? `${fault.kind}: ${fault.message}` : undefined, stderr?.trim()].filter((p): p is string => p !== undefined && p !== '');
  const unique = parts.filter((part, i) => parts.indexOf(part) === i);
  return unique.length === 0 ? {} : { trace: truncateText(unique.join('\n\n'), MAX_TRACE_CHARS) };
}

function ctrfTest(result: CheckResult): CtrfTest {
  const test: CtrfTest = {
    name: ctrfTestName(result),
    status: CTRF_STATUS[result.outcome],
    rawStatus: result.outcome,
    // the time the exchange took when the check knows it; a check's own evaluation time says little
    duration: Math.max(0, Math.round(result.exchangeMs ?? result.durationMs ?? 0)),
    message: result.message,
    ...traceOf(result),
    suite: [rowKey(result)],
    tags: [result.level],
    extra: testExtra(result),
  };
  return test;
}

/** A CTRF document of the results; `extra` carries every CheckResult field and the run info, so parseCtrf can read it back. */
export function formatCtrf(results: readonly CheckResult[], runInfo: RunInfo): CtrfDocument {
  const start = epochMs(runInfo.startedAt, 0);
  const stop = Math.max(start, epochMs(runInfo.finishedAt, start));
  const counts = countOutcomes(results);
  const document: CtrfDocument = {
    reportFormat: 'CTRF',
    specVersion: CTRF_SPEC_VERSION,
    generatedBy: 'dps-conformance',
    results: {
      tool: { name: 'dps-conformance', version: runInfo.tool.version },
      summary: {
        tests: results.length,
        passed: counts.passed,
        failed: counts.failed + counts.errored,
        skipped: counts.skipped,
        pending: 0,
        other: 0,
        suites: groupBy(results, rowKey).size,
        start,
        stop,
        duration: stop - start,
        extra: { ...counts },
      },
      tests: results.map(ctrfTest),
      extra: { dpscExtraVersion: DPSC_CTRF_EXTRA_VERSION, runInfo: toJsonSafe(runInfo) },
    },
  };
  if (stop > 0) document.timestamp = new Date(stop).toISOString();
  if (runInfo.shard !== undefined) document.results.environment = { shardId: runInfo.shard };
  return document;
}
