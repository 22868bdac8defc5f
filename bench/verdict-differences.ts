import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCtrf } from '../src/report/format/parse-ctrf.js';
import type { CheckResult } from '../src/results/check-result.js';

/** Every result of one run, by what it judges (implementation, transport, dialect, case, check), to its outcome. */
export type Verdicts = Map<string, string>;

/**
 * Reads a run's verdicts from its ctrf.json (an empty map when it wrote none). A case judged twice by
 * one check (a corpus case and its fragmented twin) keeps both, numbered in order.
 */
export async function readVerdicts(outDir: string): Promise<Verdicts> {
  const verdicts: Verdicts = new Map();
  let results: CheckResult[];
  try {
    results = parseCtrf(await readFile(join(outDir, 'ctrf.json'), 'utf8')).results;
  } catch {
    return verdicts;
  }
  for (const x of results) {
    const base = [x.implementation.name, x.transport, x.dialect, x.caseId, x.checkId].join(' ');
    let key = base;
    for (let n = 2; verdicts.has(key); n += 1) key = `${base} #${n}`;
    verdicts.set(key, x.outcome);
  }
  return verdicts;
}

export interface VerdictComparison {
  /** results judged in every run */
  compared: number;
  /** those whose outcome was not the same in every run, with each run's outcome */
  differing: { key: string; outcomes: string[] }[];
  /** results that some run had and another did not */
  unmatched: number;
}

/** Compares the verdicts of several runs of the same thing: every result should have one outcome. */
export function compareVerdicts(runs: readonly Verdicts[]): VerdictComparison {
  const keys = new Set(runs.flatMap((run) => [...run.keys()]));
  const differing: VerdictComparison['differing'] = [];
  let compared = 0;
  let unmatched = 0;
  for (const key of keys) {
    const outcomes = runs.map((run) => run.get(key) ?? 'absent');
    if (outcomes.includes('absent')) {
      unmatched += 1;
      continue;
    }
    compared += 1;
    if (new Set(outcomes).size > 1) differing.push({ key, outcomes });
  }
  return { compared, differing, unmatched };
}

/** `3 of 1668 differ: reference https ga device-retry-after device.polling.retryAfter (passed, failed, passed); ...` */
export function describeDifferences(comparison: VerdictComparison, shown = 5): string {
  const list = comparison.differing.slice(0, shown).map((d) => `${d.key} (${d.outcomes.join(', ')})`);
  const more = comparison.differing.length > shown ? `; and ${comparison.differing.length - shown} more` : '';
  const unmatched = comparison.unmatched > 0 ? `; ${comparison.unmatched} result(s) missing from some run` : '';
  return `${comparison.differing.length} of ${comparison.compared} differ${list.length ? `: ${list.join('; ')}${more}` : ''}${unmatched}`;
}

/**
 * `870 passed, 12 skipped`: what a run's verdicts were, so a row of 0 differences shows it compared
 * real verdicts, not runs that all errored the same way.
 */
export function countOutcomes(run: Verdicts | undefined): string {
  const counts = new Map<string, number>();
  for (const outcome of run?.values() ?? []) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  if (counts.size === 0) return 'no results';
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([outcome, n]) => `${n} ${outcome}`).join(', ');
}
