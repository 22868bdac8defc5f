import type { Dialect, ImplementationRef, Level, Transport } from '../results/check-result.js';
import type { OutcomeDetails } from '../results/check-outcome-errors.js';

/** Who and what one check test is about: everything a result carries except how it ended. */
export interface CheckMeta {
  checkId: string;
  level: Level;
  dialect: Dialect;
  transport: Transport;
  caseId: string;
  implementation: ImplementationRef;
}

/** What a check test records about itself while it runs; reporters read it from the mocha test. */
export interface CheckRecord {
  meta: CheckMeta;
  message?: string;
  details?: OutcomeDetails;
  harnessFault?: boolean;
  /** set when the check was not reached: the check id of the result that stopped it */
  blockedBy?: string;
  startedAt?: number;
  /** set by the check body: how long the exchange it judged took, in ms */
  exchangeMs?: number;
}

/** A mocha test carrying its check record. */
export interface CheckTest extends Mocha.Test {
  dpsc?: CheckRecord;
}

/** The body of a check: resolves to a pass message (or nothing), or throws a CheckFailure, TargetMisbehaviour or CheckSkipped (CheckNotReached among them). */
export type CheckBody = () => Promise<string | void> | string | void;
