import type { CheckResult } from '../../results/check-result.js';
import { countOutcomes, groupBy, type OutcomeCounts } from '../../results/summarise-results.js';
import { implementationCoordinate, implementationLabel } from './implementation-label.js';

/** What the headline says about one implementation (all its transports and dialects together). */
export interface ImplementationSummary {
  /** the display label every report uses (implementationLabel) */
  label: string;
  /** the package coordinate, `name@version` (the same as the label when there is no display name) */
  coordinate: string;
  name: string;
  version?: string;
  /** the implementation's own notes (a bundled README, or `--docs-url`) */
  docsUrl?: string;
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

/** `43% MUST (1100/2500)`, or `no MUST check ran`. */
export function mustRateText(summary: ImplementationSummary): string {
  const percent = mustPassPercent(summary);
  return percent === undefined ? 'no MUST check ran' : `${percent}% MUST (${summary.mustPassed}/${summary.mustRan})`;
}

/** One summary per implementation label, in first-seen order. */
export function summariseImplementations(results: readonly CheckResult[]): ImplementationSummary[] {
  return [...groupBy(results, implementationLabel)].map(([label, group]) => {
    const first = group[0] as CheckResult;
    const counts = countOutcomes(group);
    // not reached results were never judged: they are not in the pass rate
    const must = group.filter((r) => r.level === 'MUST' && r.outcome !== 'skipped');
    const mustPassed = must.filter((r) => r.outcome === 'passed').length;
    const ran = counts.total - counts.skipped;
    const verdict = ran === 0 ? 'not run' : counts.blocking > 0 ? 'fail' : 'pass';
    const summary: ImplementationSummary = {
      label, coordinate: implementationCoordinate(first), name: first.implementation.name, verdict, counts, mustRan: must.length, mustPassed,
    };
    if (first.implementation.version !== undefined) summary.version = first.implementation.version;
    const docsUrl = group.find((r) => r.implementation.docsUrl !== undefined)?.implementation.docsUrl;
    if (docsUrl !== undefined) summary.docsUrl = docsUrl;
    if (ran === 0) summary.notRunReason = first.message;
    return summary;
  });
}
