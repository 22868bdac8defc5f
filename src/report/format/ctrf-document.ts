import type { CTRFReport, Results, Summary, Test, TestStatus } from 'ctrf';
import type { Layout2TestExtra } from '../../schemas/generated/report/ctrf-layout-2.js';
import type { ImplementationRef } from '../../results/check-result.js';
import type { OutcomeCounts } from '../../results/summarise-results.js';
import type { Level } from '../../results/check-result.js';
import type { SharedValue } from './shared-values.js';

/**
 * The CTRF document dps-conformance writes: the `ctrf` package's types (https://ctrf.io, the format's
 * reference implementation), with our own data in the `extra` extension points typed by the schema of
 * the layout (schemas/report/ctrf-layout-2.schema.json; parseCtrf reads every layout back).
 */
export const CTRF_SPEC_VERSION = '0.0.0';
/**
 * Version of what dps-conformance keeps in `extra`; bump it when that layout changes incompatibly, and
 * give the new layout its schema (schemas/report/ctrf-layout-N.schema.json) and reader (parse-ctrf.ts).
 */
export const DPSC_CTRF_EXTRA_VERSION = 4;

export type CtrfStatus = TestStatus;

/** A test: one result; its `extra` holds what the result has beyond CTRF's own members. */
export interface CtrfTest extends Test {
  extra?: Layout2TestExtra;
}

/** The summary; its `extra` holds the harness's own counts (errored, waived, blocking...). */
export interface CtrfSummary extends Summary {
  extra?: OutcomeCounts;
}

/**
 * The document's `extra` as the writer fills it from the run's own types; the schema of the layout
 * (`Layout2DocumentExtra`) is what a reader checks it against. A type, not an interface: CTRF's
 * `extra` is a `Record<string, unknown>`, which only a type alias satisfies without an index signature.
 */
export type CtrfDocumentExtra = {
  dpscExtraVersion: typeof DPSC_CTRF_EXTRA_VERSION;
  /** the RunInfo, JSON-safe (json-safe.ts) */
  runInfo: unknown;
  implementations: Record<string, ImplementationRef>;
  /** each check's level (format-ctrf.ts checkLevels): a passed test at it leaves its tags out */
  checkLevels: Readonly<Record<string, Level>>;
  /** each check's usual passed message by `transport dialect` (format-ctrf.ts usualPassedMessages): a passed test with it leaves its message out */
  passedMessages: Readonly<Record<string, Record<string, string>>>;
  /** each long value the pieces share, once, with where it goes (shared-values.ts) */
  sharedValues: Record<string, SharedValue>;
  /** each piece once by id, packed (evidence-packing.ts) */
  evidence: Record<string, unknown>;
};

export interface CtrfResults extends Results {
  summary: CtrfSummary;
  tests: CtrfTest[];
  /** the run info, the implementations by label, each piece of evidence once by id */
  extra: CtrfDocumentExtra;
}

export interface CtrfDocument extends CTRFReport {
  results: CtrfResults;
}
