/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * The payload of attestation.json once base64-decoded: an in-toto Statement v1 (https://github.com/in-toto/attestation, spec/v1/statement.md) whose subject is ctrf.json by its sha256 and whose predicate says what produced it and what it holds (docs/certification.md). `verify-report` checks it against this schema before comparing it with the files; the values of `_type` and `predicateType` are compared by the verifier, which says what it expected. `summary` requires the counts every version wrote; `notReached` came later.
 */
export interface ConformanceResultsStatement {
  _type: string;
  /**
   * @minItems 1
   */
  subject: [StatementSubject, ...StatementSubject[]];
  predicateType: string;
  predicate: ConformancePredicate;
  [k: string]: unknown;
}
export interface StatementSubject {
  name: string;
  digest: {
    [k: string]: string;
  };
  [k: string]: unknown;
}
export interface ConformancePredicate {
  harness: {
    name: 'dps-conformance';
    version: string;
    [k: string]: unknown;
  };
  suiteVersion: string;
  /**
   * sha256 of the harness's schemas/, contracts/ and suites/corpus/ the results were produced with
   */
  suite: {
    schemas: SHA256Digest;
    contracts: SHA256Digest;
    corpus: SHA256Digest;
    [k: string]: unknown;
  };
  run: {
    command: string;
    startedAt: string;
    finishedAt?: string;
    shard?: string;
    incomplete?: boolean;
    incompleteReason?: string;
    [k: string]: unknown;
  };
  /**
   * the `--declare` file as given, or null
   */
  declaration?: {
    [k: string]: unknown;
  };
  implementations: string[];
  summary: {
    passed: number;
    failed: number;
    errored: number;
    skipped: number;
    total: number;
    blocking: number;
    waived: number;
    notReached?: number;
    [k: string]: unknown;
  };
  verdict: 'pass' | 'fail';
  [k: string]: unknown;
}
export interface SHA256Digest {
  sha256: string;
  [k: string]: unknown;
}
