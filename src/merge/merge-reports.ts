import { resolve } from 'node:path';
import { HarnessError, HarnessErrorCode, usageError } from '../errors/harness-error.js';
import type { CheckResult, Outcome } from '../results/check-result.js';
import type { RunInfo } from '../results/run-info.js';
import { groupBy } from '../results/summarise-results.js';
import { mergeRunInfo } from './merge-run-info.js';
import type { LoadedReport } from './read-report.js';
import { describeKey, resultKey } from './result-key.js';

/** A result key that more than one input (or one input twice) holds. */
export interface Duplicate {
  /** `checkId [caseId] implementation@version transport dialect` */
  key: string;
  occurrences: { source: string; outcome: Outcome }[];
  /** the occurrences disagree on the outcome (a rerun, a flaky check) */
  conflicting: boolean;
}

export interface MergeOutcome {
  results: CheckResult[];
  runInfo: RunInfo;
  duplicates: Duplicate[];
}

/** Refuses inputs that must not be combined: the same file twice, or runs of different suite versions. */
function assertMergeable(reports: readonly LoadedReport[]): void {
  if (reports.length === 0) throw usageError('report merge needs at least one report directory');
  const seen = new Set<string>();
  for (const report of reports) {
    const path = resolve(report.path);
    if (seen.has(path)) throw usageError(`${report.path} is given twice; each report may be merged once`);
    seen.add(path);
  }
  const byVersion = groupBy(reports, (r) => r.runInfo.suiteVersion);
  if (byVersion.size > 1) {
    const lines = [...byVersion].map(([version, group]) => `  ${version}: ${group.map((r) => r.source).join(', ')}`);
    throw new HarnessError(
      HarnessErrorCode.USAGE,
      `cannot merge runs of different suite versions (checked against different schemas, contracts or corpus):\n${lines.join('\n')}\nrerun them with the same dps-conformance version, or merge each group separately`,
      { suiteVersions: [...byVersion.keys()] },
    );
  }
}

/**
 * Combines runs into one report: shards of one run, and runs of different implementations. All inputs
 * must share a suite version. Every result is kept, in input order; a key held more than once is
 * flagged, not dropped or chosen between, so that a rerun can never hide a failure (the failing copy
 * still counts towards the exit status). Pass only the runs you mean.
 */
export function mergeReports(reports: readonly LoadedReport[], mergerVersion: string): MergeOutcome {
  assertMergeable(reports);
  const tagged = reports.flatMap((report) => report.results.map((result) => ({ result, source: report.source })));
  const duplicates: Duplicate[] = [];
  for (const group of groupBy(tagged, (t) => resultKey(t.result, { withVersion: true })).values()) {
    if (group.length < 2) continue;
    const occurrences = group.map((t) => ({ source: t.source, outcome: t.result.outcome }));
    duplicates.push({
      key: describeKey((group[0] as (typeof group)[number]).result, { withVersion: true }),
      occurrences,
      conflicting: new Set(occurrences.map((o) => o.outcome)).size > 1,
    });
  }
  return { results: tagged.map((t) => t.result), runInfo: mergeRunInfo(reports, mergerVersion), duplicates };
}
