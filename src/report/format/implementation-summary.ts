import type { CheckResult } from '../../results/check-result.js';
import { countOutcomes, groupBy, type OutcomeCounts } from '../../results/summarise-results.js';
import { implementationLabel } from './implementation-label.js';

/** What the headline says about one implementation (all its transports and dialects together). */
export interface ImplementationSummary {
  /** `name@version` */
  label: string;
  name: string;
  version?: string;
  verdict: 'pass' | 'fail' | 'not run';
  counts: OutcomeCounts;
  /** MUST results that ran (passed, failed or errored) */
  mustRan: number;
  mustPassed: number;
  /** the reason of the first skip, when nothing ran */
  notRunReason?: string;
}

/** MUST pass rate in whole percent, rounded down so that 99.6% never reads as 100%; undefined when no MUST ran. */
export function mustPassPercent(summary: ImplementationSummary): number | undefined {
  return summary.mustRan === 0 ? undefined : Math.floor((summary.mustPassed * 100) / summary.mustRan);
}

/** One summary per implementation label, in first-seen order. */
export function summariseImplementations(results: readonly CheckResult[]): ImplementationSummary[] {
  return [...groupBy(results, implementationLabel)].map(([label, group]) => {
    const first = group[0] as CheckResult;
    const counts = countOutcomes(group);
    const must = group.filter((r) => r.level === 'MUST' && r.outcome !== 'skipped');
    const mustPassed = must.filter((r) => r.outcome === 'passed').length;
    const ran = counts.total - counts.skipped;
    const verdict = ran === 0 ? 'not run' : counts.blocking > 0 ? 'fail' : 'pass';
    const summary: ImplementationSummary = { label, name: first.implementation.name, verdict, counts, mustRan: must.length, mustPassed };
    if (first.implementation.version !== undefined) summary.version = first.implementation.version;
    if (ran === 0) summary.notRunReason = first.message;
    return summary;
  });
}
