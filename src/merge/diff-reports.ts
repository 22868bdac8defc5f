import type { CheckResult, Outcome } from '../results/check-result.js';
import { isBlocking } from '../results/check-result.js';
import { resultKey } from './result-key.js';

/** One result key in both runs (or in one of them), as the diff shows it. */
export interface DiffEntry {
  /** the current result, or the base one for keys that are gone */
  result: CheckResult;
  /** the outcome in the base run, `absent` when the key is new */
  was: Outcome | 'absent';
  /** the outcome in the current run, `absent` when the key is gone */
  now: Outcome | 'absent';
}

export interface ReportDiff {
  /** failing now, not failing before (including keys the base did not have) */
  newFailures: DiffEntry[];
  /** failing before, passing now */
  fixed: DiffEntry[];
  /** failing in both */
  stillFailing: DiffEntry[];
  /** failing before, skipped now: not fixed, just not tested */
  nowSkipped: DiffEntry[];
  /** keys only the current run has */
  added: DiffEntry[];
  /** keys only the base run has */
  removed: DiffEntry[];
  /** the new failures that decide the exit status: MUST, not waived */
  blockingNewFailures: number;
}

const failing = (o: Outcome | 'absent'): boolean => o === 'failed' || o === 'errored';
const RANK: Record<Outcome, number> = { errored: 0, failed: 1, skipped: 2, passed: 3 };

/** One result per key; when a run holds a key twice (two versions, a rerun), the worst outcome speaks for it. */
function byKey(results: readonly CheckResult[]): Map<string, CheckResult> {
  const map = new Map<string, CheckResult>();
  for (const result of results) {
    const key = resultKey(result);
    const held = map.get(key);
    if (!held || RANK[result.outcome] < RANK[held.outcome]) map.set(key, result);
  }
  return map;
}

/**
 * Compares two runs by the stable key (checkId, implementation name, transport, dialect, caseId; the
 * implementation's version is left out so that release N+1 compares with release N).
 */
export function diffReports(base: readonly CheckResult[], current: readonly CheckResult[]): ReportDiff {
  const before = byKey(base);
  const after = byKey(current);
  const diff: ReportDiff = { newFailures: [], fixed: [], stillFailing: [], nowSkipped: [], added: [], removed: [], blockingNewFailures: 0 };
  for (const [key, result] of after) {
    const was = before.get(key)?.outcome ?? 'absent';
    const entry: DiffEntry = { result, was, now: result.outcome };
    if (was === 'absent') diff.added.push(entry);
    if (failing(result.outcome) && !failing(was)) {
      diff.newFailures.push(entry);
      if (isBlocking(result)) diff.blockingNewFailures += 1;
    } else if (failing(result.outcome)) diff.stillFailing.push(entry);
    else if (failing(was) && result.outcome === 'passed') diff.fixed.push(entry);
    else if (failing(was)) diff.nowSkipped.push(entry);
  }
  for (const [key, result] of before) if (!after.has(key)) diff.removed.push({ result, was: result.outcome, now: 'absent' });
  return diff;
}
