import Mocha from 'mocha';
import type { CheckBody, CheckMeta, CheckRecord, CheckTest } from './check-meta.js';
import { isCheckFailure, isCheckNotReached, isCheckSkipped, isHarnessFault, isTargetMisbehaviour } from '../results/check-outcome-errors.js';

/** The title a check test shows in mocha: `checkId [caseId]`. */
export function checkTitle(meta: CheckMeta): string {
  return `${meta.checkId} [${meta.caseId}]`;
}

/**
 * Adds one check to a suite as a mocha test. The body never decides the outcome by accident: a
 * CheckFailure is `failed`, a TargetMisbehaviour is `errored`, a CheckSkipped is `skipped` (a CheckNotReached
 * also records `blockedBy`), a HarnessFault (with its evidence) and any
 * other exception are a harness fault (`errored`, exit status 2).
 */
export function addCheck(suite: Mocha.Suite, meta: CheckMeta, body: CheckBody): CheckTest {
  const record: CheckRecord = { meta };
  const test: CheckTest = new Mocha.Test(checkTitle(meta), async function (this: Mocha.Context) {
    record.startedAt = Date.now();
    try {
      const message = await body();
      record.message = message ?? `${meta.checkId}: as expected`;
    } catch (error) {
      if (isCheckSkipped(error)) {
        record.message = error.message;
        if (isCheckNotReached(error)) record.blockedBy = error.blockedBy;
        this.skip();
      }
      if (isCheckFailure(error) || isTargetMisbehaviour(error)) {
        record.message = error.message;
        record.details = error.details;
      } else if (isHarnessFault(error)) {
        record.harnessFault = true;
        record.message = `harness fault: ${error.message}`;
        record.details = error.details;
      } else {
        record.harnessFault = true;
        record.message = `harness fault: ${error instanceof Error ? error.message : String(error)}`;
      }
      throw error;
    }
  });
  test.timeout(0);
  test.dpsc = record;
  suite.addTest(test);
  return test;
}
