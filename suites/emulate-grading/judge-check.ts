import type { CheckResult } from '../../src/results/check-result.js';
import { isCheckFailure, isCheckNotReached, isCheckSkipped, isTargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import type { CheckMeta } from '../../src/runner/check-meta.js';

/**
 * Runs one check body outside mocha and turns how it ended into a result, with the same three kinds
 * of bad the mocha runner keeps apart: failed (CheckFailure), errored (TargetMisbehaviour), and a
 * harness fault (anything else: errored with `harnessFault`).
 */
export function judgeCheck(meta: CheckMeta, body: () => string): CheckResult {
  const started = Date.now();
  const base = { ...meta, implementation: { ...meta.implementation } };
  try {
    return { ...base, outcome: 'passed', message: body(), durationMs: Date.now() - started };
  } catch (error) {
    const durationMs = Date.now() - started;
    if (isCheckSkipped(error)) {
      return { ...base, outcome: 'skipped', message: error.message, durationMs, ...(isCheckNotReached(error) ? { blockedBy: error.blockedBy } : {}) };
    }
    if (isCheckFailure(error) || isTargetMisbehaviour(error)) {
      const { mismatch, evidence } = error.details;
      const result: CheckResult = { ...base, outcome: isCheckFailure(error) ? 'failed' : 'errored', message: error.message, durationMs };
      if (mismatch !== undefined) result.mismatch = mismatch;
      if ('expected' in error.details) result.expected = error.details.expected;
      if ('actual' in error.details) result.actual = error.details.actual;
      if (evidence !== undefined) result.evidence = evidence;
      return result;
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ...base, outcome: 'errored', message: `harness fault in ${meta.checkId}: ${message}`, harnessFault: true, durationMs };
  }
}
