import type { AllocationRequestMessage } from '../../src/dps/build-allocation-request.js';
import type { Dialect } from '../../src/results/check-result.js';
import type { ValidateFunction } from 'ajv';
import { isRunWide } from '../../src/results/run-wide.js';

/** What a user case (`--cases`) expects of the answer (schemas/harness/cases.schema.json `expect`). */
export interface CaseExpectation {
  iotHubHostName?: string;
  returnData?: unknown;
  /** compiled from `returnDataSchema` */
  returnDataSchema?: ValidateFunction;
  initialTwin?: unknown;
  /** true: the webhook must refuse the request with a clean 4xx; false: it must accept it */
  refused?: boolean;
}

/** One case of the run in one dialect: the request to send, or why it is skipped. */
export interface PlannedCase {
  /** the corpus id, or `user:<id>` for a user case */
  caseId: string;
  dialect: Dialect;
  title: string;
  /** what is sent; absent only when the case is skipped */
  request?: AllocationRequestMessage;
  skipReason?: string;
  expect?: CaseExpectation;
  /** the corpus case whose answer the robustness check compares this one's with (docs/webhook-profiles.md) */
  baseline?: RobustnessBaseline;
}

/** How a case relates to the run's baseline: the plainest accepted device of the policy. */
export interface RobustnessBaseline {
  /** the baseline's caseId (same dialect) */
  caseId: string;
  /** what this case changes, for the message: `its device data (text)`, `its attestation (x509)` */
  differsIn: string;
}

/** A case that runs: it has a request to send. */
export type RunnableCase = PlannedCase & { request: AllocationRequestMessage };

export function isRunnable(planned: PlannedCase): planned is RunnableCase {
  return planned.request !== undefined && planned.skipReason === undefined;
}

/** How a message names a case: `data-flat (ga)`; a run-wide result names none: `run-wide (ga)`. */
export function caseLabel(planned: Pick<PlannedCase, 'caseId' | 'dialect'>): string {
  return `${isRunWide(planned) ? 'run-wide' : planned.caseId} (${planned.dialect})`;
}
