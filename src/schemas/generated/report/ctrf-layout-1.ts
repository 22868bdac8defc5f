/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

export type CheckLevel = 'MUST' | 'SHOULD';
export type CheckOutcome = 'passed' | 'failed' | 'errored' | 'skipped';
/**
 * Wire vocabulary of the custom-data feature (docs/contract/dialects.md): `ga` (api-version 2019-03-31 and later, `payload` objects) or `preview` (2019 preview documentation, `data` / `returnData`).
 */
export type Dialect = 'ga' | 'preview';
/**
 * The transport of a result: a device transport, or `http` for a webhook.
 */
export type ResultTransport = 'https' | 'mqtt' | 'mqtt-ws' | 'amqp' | 'amqp-ws' | 'http';

/**
 * What dps-conformance keeps in a CTRF document's extension points when `results.extra.dpscExtraVersion` is absent or 1 (the first layout): every field of a result in its test's `extra`. The CTRF members themselves are the `ctrf` package's schema (registry name `ctrf/report`); a file is read when it is valid against both. Also holds the definitions the later layouts share (the run info, an implementation, a waiver). docs/contract/reports.md, "ctrf.json".
 */
export interface DpsConformanceCtrfJsonLayout1 {
  results: {
    tests: Layout1Test[];
    extra: Layout1DocumentExtra;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
export interface Layout1Test {
  message: string;
  extra: Layout1TestExtra;
  [k: string]: unknown;
}
/**
 * Every field of the result.
 */
export interface Layout1TestExtra {
  checkId: string;
  level: CheckLevel;
  outcome: CheckOutcome;
  dialect: Dialect;
  transport: ResultTransport;
  caseId: string;
  implementation: ImplementationReference;
  evidence?: unknown;
  mismatch?: string;
  expected?: unknown;
  actual?: unknown;
  durationMs?: number;
  exchangeMs?: number;
  harnessFault?: boolean;
  waived?: AppliedWaiver;
  blockedBy?: string;
  [k: string]: unknown;
}
/**
 * Who a result is about: the name, and the version, display name and notes address when known.
 */
export interface ImplementationReference {
  name: string;
  version?: string;
  displayName?: string;
  docsUrl?: string;
  [k: string]: unknown;
}
export interface AppliedWaiver {
  reason: string;
  expires: string;
  [k: string]: unknown;
}
export interface Layout1DocumentExtra {
  dpscExtraVersion?: 1;
  runInfo: RunInformation;
  [k: string]: unknown;
}
/**
 * What the report says about the run as a whole (src/results/run-info.ts).
 */
export interface RunInformation {
  tool: {
    name: 'dps-conformance';
    version: string;
    [k: string]: unknown;
  };
  command: string;
  suiteVersion: string;
  startedAt: string;
  finishedAt?: string;
  incomplete?: boolean;
  incompleteReason?: string;
  shard?: string;
  declaration?: unknown;
  waivers?: {
    given: number;
    waivedResults: number;
    expired: WaiverNote[];
    unused: WaiverNote[];
    [k: string]: unknown;
  };
  signature?: {
    keyId: string;
    file: string;
    [k: string]: unknown;
  };
  phases?: {
    name: string;
    startMs: number;
    ms: number;
    [k: string]: unknown;
  }[];
  [k: string]: unknown;
}
export interface WaiverNote {
  checkId: string;
  caseId?: string;
  implementation?: string;
  reason: string;
  expires: string;
  [k: string]: unknown;
}
