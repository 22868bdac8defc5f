/** The result model of docs/contract/reports.md: one result per (implementation, transport, dialect, case, check). */

export const DIALECTS = ['ga', 'preview'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** `http` is the transport of webhook checks; the others are device transports (docs/contract/adapter-protocol.md). */
export const TRANSPORTS = ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws', 'http'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export type Level = 'MUST' | 'SHOULD';
export type Outcome = 'passed' | 'failed' | 'errored' | 'skipped';

/** An implementation as reports name it: `{name, version}`, or a webhook URL with secrets removed as `name`. */
export interface ImplementationRef {
  name: string;
  version?: string;
  /**
   * the name every report shows (`Azure IoT Java SDK`), when it is not the package name itself; the
   * package coordinate (`name@version`) stays available beside it (docs/contract/reports.md)
   */
  displayName?: string;
  /** where the implementation's own notes are: a bundled implementation's README, or `--docs-url` */
  docsUrl?: string;
}

/** A waiver that applied to a failed or errored MUST result (see `--waivers`). */
export interface AppliedWaiver {
  reason: string;
  expires: string;
}

export interface CheckResult {
  /** stable, dotted, e.g. `webhook.response.schema` */
  checkId: string;
  level: Level;
  outcome: Outcome;
  dialect: Dialect;
  transport: Transport;
  /** the corpus entry (or user case) that produced the result */
  caseId: string;
  implementation: ImplementationRef;
  /** one line: what was expected and what came */
  message: string;
  /** the exchanged messages, redacted */
  evidence?: unknown;
  /** how a failure reads: `request-mismatch`, `missing-field`, `timeout`, ... */
  mismatch?: string;
  expected?: unknown;
  actual?: unknown;
  durationMs?: number;
  /** how long the exchange the check judged took (the register call, the webhook's answer), in ms */
  exchangeMs?: number;
  waived?: AppliedWaiver;
  /** set when the harness, not the target, broke while producing this result */
  harnessFault?: boolean;
  /**
   * set on a `skipped` result whose precondition was never reached: the check id of the result that
   * stopped it, in the same case (or the run-wide check, for a refusal of every request). Such a result
   * is neither passed nor failed; it counts as `skipped` and as not reached (docs/contract/reports.md).
   */
  blockedBy?: string;
}

/** Whether a result was not judged because an earlier step of its case never happened (see `blockedBy`). */
export function isNotReached(result: CheckResult): boolean {
  return result.outcome === 'skipped' && result.blockedBy !== undefined;
}

/** Whether a result makes the run exit 1 (docs/contract/cli.md): a MUST that failed or errored, and no waiver. */
export function isBlocking(result: CheckResult): boolean {
  return result.level === 'MUST' && (result.outcome === 'failed' || result.outcome === 'errored') && !result.waived;
}
