import { LATENCY_P95_LIMIT_MS } from '../results/latency-limit.js';
import type { CheckResult, ImplementationRef, Transport } from '../results/check-result.js';
import { PROFILE_ADVICE } from '../webhook-profile/profile-advice.js';
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
 * The load run as check results, per dialect: `load.errors` (MUST: no error and no timeout; clean
 * refusals are the webhook's policy, not errors, but a dialect whose every answer was one is no load
 * result and fails),
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
    // a refusal is an answer DPS acts on (it fails the registration at once): served, as an assignment is
    const achievedRate = (figures.ok + figures.refused) / spanS;
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
        refused: figures.refused,
        errors: figures.errors,
        timeouts: figures.timeouts,
        cancelled: figures.cancelled,
        errorKinds: figures.errorKinds,
        refusalKinds: figures.refusalKinds,
        ...(figures.firstRefusal === undefined ? {} : { firstRefusal: figures.firstRefusal }),
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

/** What to do when the policy accepted none of the corpus's devices (the webhook suite's advice, for load). */
export const LOAD_ACCEPTANCE_ADVICE =
  "the webhook's policy accepts none of the corpus's devices, so no answer under load could be judged: " +
  `${PROFILE_ADVICE}; see docs/webhook-profiles.md`;

function errorsResult(f: LoadFigures, base: Base): CheckResult {
  const result = { ...base, checkId: 'load.errors', level: 'MUST' as const };
  const judged = f.ok + f.refused + f.errors + f.timeouts;
  if (judged === 0) return { ...result, outcome: 'skipped', message: `not judged: no request ended before the run stopped (${f.cancelled} cancelled)` };
  const bad = f.errors + f.timeouts;
  const refusals =
    f.refused === 0 ? '' : `; ${f.refused} refused by the webhook's policy (${kindList(f.refusalKinds)}), not errors`;
  if (bad === 0 && f.ok === 0) return refusedEverything(f, judged, result);
  if (bad === 0) {
    return { ...result, outcome: 'passed', message: `no errors or timeouts in ${judged} requests${refusals}` };
  }
  return {
    ...result,
    // nothing answered at all is a target that misbehaved, not one that answered wrongly
    outcome: f.ok === 0 && f.refused === 0 && f.errors === f.unanswered ? 'errored' : 'failed',
    message:
      `expected no errors or timeouts, got ${f.errors} errors and ${f.timeouts} timeouts in ${judged} requests ` +
      `(${kindList(f.errorKinds)})` +
      (f.ok === 0 && f.refused > 0 ? `${refusals}; ${LOAD_ACCEPTANCE_ADVICE}` : refusals),
    mismatch: f.timeouts > 0 && f.errors === 0 ? 'timeout' : 'errors',
    expected: { errors: 0, timeouts: 0 },
    actual: { errors: f.errors, timeouts: f.timeouts, errorKinds: f.errorKinds },
  };
}

/**
 * Every answer a refusal: as `webhook.allocation.accepts` in the webhook suite says, nothing was judged
 * but the policy's no, so this is no load result.
 */
function refusedEverything(
  f: LoadFigures,
  judged: number,
  result: Omit<CheckResult, 'outcome' | 'message'>,
): CheckResult {
  const first = (f.firstRefusal ?? 'refused').replace('refused by the webhook: ', '');
  const all404 = f.refusalKinds.some((k) => k.kind === 'HTTP 404');
  const urlHint = all404 ? ' (HTTP 404 for everything often means a wrong --webhook URL)' : '';
  return {
    ...result,
    outcome: 'failed',
    message:
      `expected the webhook to accept at least one request, got all ${f.refused} of ${judged} refused ` +
      `(${kindList(f.refusalKinds)}; first: ${first})${urlHint}: not a load result; ${LOAD_ACCEPTANCE_ADVICE}`,
    mismatch: 'refuses-everything',
    expected: 'at least one HTTP 200',
    actual: { refused: f.refused, requests: judged, refusalKinds: f.refusalKinds },
  };
}

function kindList(kinds: readonly { kind: string; count: number }[]): string {
  return kinds.map((k) => `${k.count}x ${k.kind}`).join(', ');
}

function latencyResult(f: LoadFigures, base: Base): CheckResult {
  const result = { ...base, checkId: 'load.latency.p95' };
  const l = f.latencyMs;
  if (!l) return { ...result, outcome: 'skipped', message: 'not judged: no answers to time' };
  const answers = f.ok + f.refused + f.errors - f.unanswered;
  const summary = `p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms over ${answers} answers`;
  if (l.p95 < LOAD_P95_LIMIT_MS) return { ...result, outcome: 'passed', message: summary };
  return { ...result, outcome: 'failed', message: `expected p95 under ${LOAD_P95_LIMIT_MS} ms, got ${summary}`, mismatch: 'slow', expected: `p95 < ${LOAD_P95_LIMIT_MS} ms`, actual: l };
}

function throughputResult(f: LoadFigures, askedRate: number, achievedRate: number, schedule: ScheduleReport, base: Base): CheckResult {
  const result = { ...base, checkId: 'load.throughput' };
  if (f.started === 0 && f.scheduled === 0) return { ...result, outcome: 'skipped', message: 'not judged: nothing was scheduled' };
  const dropped = f.scheduled - f.started;
  const starts = `${f.started} of ${f.scheduled} starts made (${dropped} dropped: target busy; ${schedule.late} late: the generator fell behind by up to ${Math.round(schedule.maxLagMs)} ms)`;
  const refusals = f.refused === 0 ? '' : ` (${f.ok} assigned, ${f.refused} refused)`;
  const summary = `${r1(achievedRate)}/s correct answers${refusals} for ${r1(askedRate)}/s asked; ${starts}`;
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
