import type { CheckResult } from '../results/check-result.js';
import type { WaiverNote, WaiverSummary } from '../results/run-info.js';
import type { Waiver } from '../schemas/generated/harness/waivers.js';

export interface WaiverOutcome {
  /** the results, each failed or errored one that a live waiver matches carrying `waived` */
  results: CheckResult[];
  /** waivers past their expiry date: they applied to nothing, and the reports say so */
  expired: Waiver[];
  /** live waivers that matched no failed or errored result: the failure is gone or the waiver is mistyped */
  unused: Waiver[];
}

/** `YYYY-MM-DD` of a date in UTC; a string is taken as already being such a date. */
export function utcDate(today: Date | string): string {
  return typeof today === 'string' ? today.slice(0, 10) : today.toISOString().slice(0, 10);
}

function matches(waiver: Waiver, result: CheckResult): boolean {
  if (waiver.checkId !== result.checkId) return false;
  if (waiver.caseId !== undefined && waiver.caseId !== result.caseId) return false;
  if (waiver.implementation !== undefined) {
    const { name, version } = result.implementation;
    if (waiver.implementation !== name && waiver.implementation !== `${name}@${version ?? ''}`) return false;
  }
  return true;
}

/**
 * Marks accepted failures (`--waivers`). A waiver applies to failed and errored results of either
 * level whose checkId matches, narrowed by caseId and implementation (its name, or `name@version`),
 * until the end of its `expires` day (UTC). It never applies to a harness fault: that is our bug, not
 * the vendor's. Results are copied, never changed in place; the first matching waiver wins.
 */
export function applyWaivers(results: readonly CheckResult[], waivers: readonly Waiver[], today: Date | string = new Date()): WaiverOutcome {
  const day = utcDate(today);
  const live = waivers.filter((w) => w.expires >= day);
  const used = new Set<Waiver>();
  const out = results.map((result) => {
    if ((result.outcome !== 'failed' && result.outcome !== 'errored') || result.harnessFault === true) return result;
    const waiver = live.find((w) => matches(w, result));
    if (!waiver) return result;
    used.add(waiver);
    return { ...result, waived: { reason: waiver.reason, expires: waiver.expires } };
  });
  return {
    results: out,
    expired: waivers.filter((w) => w.expires < day),
    unused: live.filter((w) => !used.has(w)),
  };
}

function note(waiver: Waiver): WaiverNote {
  const out: WaiverNote = { checkId: waiver.checkId, reason: waiver.reason, expires: waiver.expires };
  if (waiver.caseId !== undefined) out.caseId = waiver.caseId;
  if (waiver.implementation !== undefined) out.implementation = waiver.implementation;
  return out;
}

/**
 * What the waivers did to a run's (already waived) results, for the run info every report shows: how
 * many results they waived, which waivers had expired, and which live ones matched nothing.
 */
export function waiverSummary(waivers: readonly Waiver[], results: readonly CheckResult[], today: Date | string = new Date()): WaiverSummary {
  const unwaived = results.map((r) => {
    if (r.waived === undefined) return r;
    const { waived: _waived, ...rest } = r;
    return rest;
  });
  const outcome = applyWaivers(unwaived, waivers, today);
  return {
    given: waivers.length,
    waivedResults: results.filter((r) => r.waived !== undefined).length,
    expired: outcome.expired.map(note),
    unused: outcome.unused.map(note),
  };
}
