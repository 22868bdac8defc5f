import { LATENCY_P95_LIMIT_MS } from '../results/latency-limit.js';
import type { CheckResult, ImplementationRef, Transport } from '../results/check-result.js';
import type { LoadFigures } from './load-stats.js';
import type { ScheduleReport } from './open-loop.js';

/** SHOULD limit for the p95 of answer times under load: the webhook suite's own latency limit. */
export const LOAD_P95_LIMIT_MS = LATENCY_P95_LIMIT_MS;
/** SHOULD: the achieved rate is at least this share of the asked one. */
export const LOAD_THROUGHPUT_SHARE = 0.9;
/** The case ID of load results: the whole corpus mix, not one case. */
export const LOAD_CASE_ID = 'corpus-mix';

export interface LoadRunFacts {
  implementation: ImplementationRef;
  transport: Transport;
  /** what was asked */
  ratePerSecond: number;
  durationS: number;
  timeoutMs: number;
  /** emulator mode: how many devices */
  devices?: number;
  schedule: ScheduleReport;
  figures: readonly LoadFigures[];
}

const r1 = (n: number): number => Math.round(n * 10) / 10;

/**
 * The load run as check results, per dialect: `load.errors` (MUST: no error and no timeout),
 * `load.latency.p95` (SHOULD: under 1 s) and `load.throughput` (SHOULD: at least 90 % of the asked
 * rate achieved); the figures are in each message and in the evidence.
 */
export function loadResults(facts: LoadRunFacts): CheckResult[] {
  const { schedule } = facts;
  const totalScheduled = facts.figures.reduce((sum, f) => sum + f.scheduled, 0) || 1;
  const windowS = Math.max(schedule.windowMs, 1) / 1000;
  const spanS = Math.max(schedule.windowMs, schedule.elapsedMs, 1) / 1000;
  const results: CheckResult[] = [];
  for (const figures of facts.figures) {
    const share = figures.scheduled / totalScheduled;
    const askedRate = facts.ratePerSecond * share;
    const achievedRate = figures.ok / spanS;
    const evidence = {
      asked: {
        ratePerSecond: r1(askedRate),
        durationS: facts.durationS,
        timeoutMs: facts.timeoutMs,
        ...(facts.devices === undefined ? {} : { devices: facts.devices }),
      },
      schedule: {
        scheduled: figures.scheduled,
        started: figures.started,
        dropped: figures.scheduled - figures.started,
        lateStarts: schedule.late,
        maxLagMs: r1(schedule.maxLagMs),
        windowS: r1(windowS),
        spanS: r1(spanS),
        abandoned: schedule.abandoned,
        stoppedEarly: schedule.stoppedEarly,
      },
      outcomes: {
        ok: figures.ok,
        errors: figures.errors,
        timeouts: figures.timeouts,
        cancelled: figures.cancelled,
        errorKinds: figures.errorKinds,
      },
      latencyMs: figures.latencyMs ?? null,
      achievedRatePerSecond: r1(achievedRate),
    };
    const base = { level: 'SHOULD' as const, dialect: figures.dialect, transport: facts.transport, caseId: LOAD_CASE_ID, implementation: facts.implementation, evidence };
    results.push(errorsResult(figures, base), latencyResult(figures, base), throughputResult(figures, askedRate, achievedRate, schedule, base));
  }
  return results;
}

type Base = Omit<CheckResult, 'checkId' | 'outcome' | 'message'>;

function errorsResult(f: LoadFigures, base: Base): CheckResult {
  const result = { ...base, checkId: 'load.errors', level: 'MUST' as const };
  const judged = f.ok + f.errors + f.timeouts;
  if (judged === 0) return { ...result, outcome: 'skipped', message: `not judged: no request ended before the run stopped (${f.cancelled} cancelled)` };
  const bad = f.errors + f.timeouts;
  if (bad === 0) return { ...result, outcome: 'passed', message: `no errors or timeouts in ${judged} requests` };
  const kinds = f.errorKinds.map((k) => `${k.count}x ${k.kind}`).join(', ');
  return {
    ...result,
    // nothing answered at all is a target that misbehaved, not one that answered wrongly
    outcome: f.ok === 0 && f.errors === f.unanswered ? 'errored' : 'failed',
    message: `expected no errors or timeouts, got ${f.errors} errors and ${f.timeouts} timeouts in ${judged} requests (${kinds})`,
    mismatch: f.timeouts > 0 && f.errors === 0 ? 'timeout' : 'errors',
    expected: { errors: 0, timeouts: 0 },
    actual: { errors: f.errors, timeouts: f.timeouts, errorKinds: f.errorKinds },
  };
}

function latencyResult(f: LoadFigures, base: Base): CheckResult {
  const result = { ...base, checkId: 'load.latency.p95' };
  const l = f.latencyMs;
  if (!l) return { ...result, outcome: 'skipped', message: 'not judged: no answers to time' };
  const summary = `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms over ${f.ok + f.errors - f.unanswered} answers`;
  if (l.p95 < LOAD_P95_LIMIT_MS) return { ...result, outcome: 'passed', message: summary };
  return { ...result, outcome: 'failed', message: `expected p95 under ${LOAD_P95_LIMIT_MS} ms, got ${summary}`, mismatch: 'slow', expected: `p95 < ${LOAD_P95_LIMIT_MS} ms`, actual: l };
}

function throughputResult(f: LoadFigures, askedRate: number, achievedRate: number, schedule: ScheduleReport, base: Base): CheckResult {
  const result = { ...base, checkId: 'load.throughput' };
  if (f.started === 0 && f.scheduled === 0) return { ...result, outcome: 'skipped', message: 'not judged: nothing was scheduled' };
  const dropped = f.scheduled - f.started;
  const starts = `${f.started} of ${f.scheduled} starts made (${dropped} dropped: target busy; ${schedule.late} late: the generator fell behind by up to ${Math.round(schedule.maxLagMs)} ms)`;
  const summary = `${r1(achievedRate)}/s correct answers for ${r1(askedRate)}/s asked; ${starts}`;
  if (achievedRate >= askedRate * LOAD_THROUGHPUT_SHARE) return { ...result, outcome: 'passed', message: summary };
  return {
    ...result,
    outcome: 'failed',
    message: `expected at least ${Math.round(LOAD_THROUGHPUT_SHARE * 100)}% of the asked rate, got ${summary}`,
    mismatch: 'slow',
    expected: { ratePerSecond: r1(askedRate * LOAD_THROUGHPUT_SHARE) },
    actual: { ratePerSecond: r1(achievedRate), dropped, lateStarts: schedule.late },
  };
}
