/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

export type CheckOutcome = 'passed' | 'failed' | 'errored' | 'skipped';

/**
 * What dps-conformance keeps in a CTRF document when `results.extra.dpscExtraVersion` is 2, 3 or 4: a test is one result, named `checkId [caseId]`, its suite `[implementation label, transport, dialect]`, its tags `[level]` (and `WAIVED`), its outcome the `rawStatus` (else the status); its `extra` holds only what the result has beyond that, its evidence as the id of a piece in `results.extra.evidence`. Layout 3 packs the pieces (src/report/format/evidence-packing.ts). Layout 4 packs them further, keeps each long value the pieces share once in `results.extra.sharedValues` (src/report/format/shared-values.ts), and lets a passed test leave out its message when it is its check's usual one for its transport and dialect (`results.extra.passedMessages`) and its tags when its level is its check's (`results.extra.checkLevels`); the reader checks that such a test has them. The CTRF members themselves are the `ctrf` package's schema (registry name `ctrf/report`). docs/contract/reports.md, "ctrf.json".
 */
export interface DpsConformanceCtrfJsonLayouts2To4 {
  results: {
    tests: Layout2Test[];
    extra: Layout2To4DocumentExtra;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}
export interface Layout2Test {
  /**
   * `checkId [caseId]`
   */
  name: string;
  status: string;
  rawStatus?: CheckOutcome;
  /**
   * the result's message; layout 4 leaves out a passed test's when it is its check's usual one (`results.extra.passedMessages`)
   */
  message?: string;
  /**
   * `[implementation label, transport, dialect]`
   *
   * @minItems 3
   * @maxItems 3
   */
  suite: [unknown, unknown, unknown];
  /**
   * `[level]`, or `[level, "WAIVED"]` for a waived result; layout 4 leaves out a passed test's when its level is its check's (`results.extra.checkLevels`)
   *
   * @minItems 1
   * @maxItems 2
   */
  tags?: [string] | [string, string];
  extra?: Layout2TestExtra;
  [k: string]: unknown;
}
export interface Layout2TestExtra {
  mismatch?: string;
  expected?: unknown;
  actual?: unknown;
  waived?: AppliedWaiver;
  harnessFault?: boolean;
  blockedBy?: string;
  /**
   * the id of a piece of `results.extra.evidence`
   */
  evidence?: string;
  [k: string]: unknown;
}
export interface AppliedWaiver {
  reason: string;
  expires: string;
  [k: string]: unknown;
}
export interface Layout2To4DocumentExtra {
  dpscExtraVersion: 2 | 3 | 4;
  runInfo: RunInformation;
  /**
   * Each implementation the tests name, by the label their suite starts with.
   */
  implementations: {
    [k: string]: ImplementationReference;
  };
  /**
   * Layout 4: each check's level (`{checkId: "MUST"}`): a passed test without tags has it.
   */
  checkLevels?: {
    [k: string]: 'MUST' | 'SHOULD';
  };
  /**
   * Layout 4: each check's usual passed message by `transport dialect` (`{checkId: {"mqtt ga": message}}`).
   */
  passedMessages?: {
    [k: string]: {
      [k: string]: string;
    };
  };
  /**
   * Layout 4: each long value the pieces share, once: `{id: {value, at: {pieceId: [path, ...]}}}`, each path the members and array indexes leading to the `[sharedValues.<id>]` placeholder in the stored piece.
   */
  sharedValues?: {
    [k: string]: SharedValue;
  };
  /**
   * Each piece of evidence once, by id; the tests that cite one name its id.
   */
  evidence: {
    [k: string]: unknown;
  };
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
export interface SharedValue {
  value: unknown;
  at: {
    [k: string]: (string | number)[][];
  };
  [k: string]: unknown;
}
