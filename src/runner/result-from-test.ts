import type { CheckResult, Outcome } from '../results/check-result.js';
import { isTargetMisbehaviour } from '../results/check-outcome-errors.js';
import type { CheckTest } from './check-meta.js';

const HARNESS_META = {
  checkId: 'harness.internal',
  level: 'MUST',
  dialect: 'ga',
  transport: 'http',
  caseId: 'harness',
  implementation: { name: 'dps-conformance' },
} as const;

/**
 * Turns a finished mocha test (or failed hook) into a CheckResult. A test without a check record is a
 * harness fault: suites only add tests through addCheck.
 */
export function resultFromTest(test: Mocha.Runnable, event: 'pass' | 'fail' | 'pending', error?: unknown): CheckResult {
  const record = (test as CheckTest).dpsc;
  const meta = record?.meta ?? HARNESS_META;
  let outcome: Outcome;
  if (event === 'pass') outcome = 'passed';
  else if (event === 'pending') outcome = 'skipped';
  else if (record && !record.harnessFault && !isTargetMisbehaviour(error) && record.details !== undefined) outcome = 'failed';
  else outcome = 'errored';

  const harnessFault = !record || record.harnessFault === true || (event === 'fail' && record.details === undefined);
  const fallback = error instanceof Error ? error.message : event === 'pending' ? 'skipped' : `${meta.checkId} ${event}`;
  const result: CheckResult = {
    checkId: meta.checkId,
    level: meta.level,
    outcome,
    dialect: meta.dialect,
    transport: meta.transport,
    caseId: meta.caseId,
    implementation: { ...meta.implementation },
    message: record?.message ?? (record ? fallback : `harness fault in "${test.fullTitle()}": ${fallback}`),
  };
  const details = record?.details;
  if (details?.mismatch !== undefined) result.mismatch = details.mismatch;
  if (details && 'expected' in details) result.expected = details.expected;
  if (details && 'actual' in details) result.actual = details.actual;
  if (details?.evidence !== undefined) result.evidence = details.evidence;
  if (record?.startedAt !== undefined) result.durationMs = test.duration ?? Date.now() - record.startedAt;
  if (record?.exchangeMs !== undefined) result.exchangeMs = record.exchangeMs;
  if (outcome === 'errored' && harnessFault) result.harnessFault = true;
  if (outcome === 'skipped' && record?.blockedBy !== undefined) result.blockedBy = record.blockedBy;
  return result;
}
