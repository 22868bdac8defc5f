import type { CheckResult } from '../../results/check-result.js';
import { groupBy } from '../../results/summarise-results.js';

/** One version of an implementation and what changed since the version before it. */
export interface VersionStep {
  version: string;
  results: CheckResult[];
  /** (check, case, transport, dialect) that failed or errored here and passed in the previous version */
  broke: string[];
  /** ... that passed here and failed or errored in the previous version */
  fixed: string[];
}

export interface VersionHistory {
  name: string;
  steps: VersionStep[];
}

/** Numeric parts compare as numbers (1.10.0 after 1.9.1); anything else as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/);
  const pb = b.split(/[.+-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    const diff = x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  return 0;
}

const where = (r: CheckResult): string => `${r.checkId} [${r.caseId}] ${r.transport} ${r.dialect}`;
const problem = (r: CheckResult): boolean => r.outcome === 'failed' || r.outcome === 'errored';

/**
 * The implementations that appear with more than one version (a merged report across SDK releases),
 * each with its versions in order and, per version, what broke and what was fixed since the previous one.
 */
export function versionHistories(results: readonly CheckResult[]): VersionHistory[] {
  const histories: VersionHistory[] = [];
  for (const [name, own] of groupBy(results, (r) => r.implementation.name)) {
    const byVersion = groupBy(own, (r) => r.implementation.version ?? '');
    if (byVersion.size < 2) continue;
    const versions = [...byVersion.keys()].sort(compareVersions);
    let previous: Map<string, CheckResult> | undefined;
    const steps = versions.map((version) => {
      const list = byVersion.get(version) ?? [];
      const current = new Map(list.map((r) => [where(r), r]));
      const broke: string[] = [];
      const fixed: string[] = [];
      if (previous) {
        for (const [key, r] of current) {
          const before = previous.get(key);
          if (!before) continue;
          if (problem(r) && before.outcome === 'passed') broke.push(key);
          if (r.outcome === 'passed' && problem(before)) fixed.push(key);
        }
      }
      previous = current;
      return { version, results: list, broke, fixed };
    });
    histories.push({ name, steps });
  }
  return histories;
}
