import type Mocha from 'mocha';
import type { CheckResult } from '../results/check-result.js';
import { CheckFailure, CheckSkipped, TargetMisbehaviour } from '../results/check-outcome-errors.js';
import { addCheck } from './add-check.js';

/**
 * Adds a result that is already known before the run (e.g. a declared transport the implementation
 * does not claim) as a check, so it travels through the same reporters, redaction and waivers.
 */
export function addKnownResult(suite: Mocha.Suite, result: CheckResult): void {
  const { checkId, level, dialect, transport, caseId, implementation } = result;
  addCheck(suite, { checkId, level, dialect, transport, caseId, implementation }, () => {
    const details = {
      ...(result.mismatch === undefined ? {} : { mismatch: result.mismatch }),
      ...('expected' in result ? { expected: result.expected } : {}),
      ...('actual' in result ? { actual: result.actual } : {}),
      ...(result.evidence === undefined ? {} : { evidence: result.evidence }),
    };
    if (result.outcome === 'failed') throw new CheckFailure(result.message, details);
    if (result.outcome === 'errored') throw new TargetMisbehaviour(result.message, details);
    if (result.outcome === 'skipped') throw new CheckSkipped(result.message);
    return result.message;
  });
}
