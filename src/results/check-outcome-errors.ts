/**
 * What a check throws to say how it ended. Three kinds of bad are kept apart (as bowtie keeps them apart):
 * the target answered wrongly (CheckFailure -> `failed`), the target misbehaved (TargetMisbehaviour ->
 * `errored`), and the harness broke (HarnessFault, or anything else -> `errored` with harnessFault, exit status 2).
 */

export interface OutcomeDetails {
  /** a short name for the kind of mismatch: `wrong-status`, `schema-mismatch`, `timeout`, ... */
  mismatch?: string;
  expected?: unknown;
  actual?: unknown;
  evidence?: unknown;
}

export class CheckFailure extends Error {
  readonly details: OutcomeDetails;
  constructor(message: string, details: OutcomeDetails = {}) {
    super(message);
    this.name = 'CheckFailure';
    this.details = details;
  }
}

export class TargetMisbehaviour extends Error {
  readonly details: OutcomeDetails;
  constructor(message: string, details: OutcomeDetails = {}) {
    super(message);
    this.name = 'TargetMisbehaviour';
    this.details = details;
  }
}

/**
 * The harness itself failed to judge the target: the emulator's own call to the webhook failed for a
 * transport reason, an adapter restart outran the time given on a loaded machine, and this persisted
 * after the harness tried again. `errored` with `harnessFault` (exit status 2), with evidence; never a
 * result of the implementation.
 */
export class HarnessFault extends Error {
  readonly details: OutcomeDetails;
  constructor(message: string, details: OutcomeDetails = {}) {
    super(message);
    this.name = 'HarnessFault';
    this.details = details;
  }
}

export function isHarnessFault(value: unknown): value is HarnessFault {
  return value instanceof HarnessFault;
}

export class CheckSkipped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'CheckSkipped';
  }
}

/**
 * A check whose precondition was never reached: the registration was refused before the step it judges,
 * the webhook refused the device, the adapter stopped earlier. Recorded as `skipped` with `blockedBy`, the
 * check id of the result that stopped it, so that one defect is one failed result per case.
 */
export class CheckNotReached extends CheckSkipped {
  readonly blockedBy: string;
  constructor(reason: string, blockedBy: string) {
    super(reason);
    this.name = 'CheckNotReached';
    this.blockedBy = blockedBy;
  }
}

export function isCheckNotReached(value: unknown): value is CheckNotReached {
  return value instanceof CheckNotReached;
}

export function isCheckFailure(value: unknown): value is CheckFailure {
  return value instanceof CheckFailure;
}

export function isTargetMisbehaviour(value: unknown): value is TargetMisbehaviour {
  return value instanceof TargetMisbehaviour;
}

export function isCheckSkipped(value: unknown): value is CheckSkipped {
  return value instanceof CheckSkipped;
}
