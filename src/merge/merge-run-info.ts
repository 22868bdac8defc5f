import type { RunInfo } from '../results/run-info.js';
import type { LoadedReport } from './read-report.js';

function same<T>(values: readonly T[]): T | undefined {
  return values.every((v) => v === values[0]) ? values[0] : undefined;
}

/**
 * Which sharded run a report is a shard of: its command and the implementations its results name. A
 * workflow shards each implementation on its own (`run --implementations X --shard i/n`), so shard 2/2
 * of one implementation does not stand in for shard 2/2 of another.
 */
function shardedRun(report: LoadedReport): string {
  const names = [...new Set(report.results.map((r) => r.implementation.name))].sort();
  return `${report.runInfo.command}\u0000${names.join('\u0000')}`;
}

/**
 * `shard i/n` values that no input of the same sharded run carries, for every `n` seen (a CI job that
 * never uploaded); named `shard i/n of NAMES` when the inputs are shards of more than one run.
 */
export function missingShards(reports: readonly LoadedReport[]): string[] {
  const runs = new Map<string, { names: string; seen: Map<number, Set<number>> }>();
  for (const report of reports) {
    const match = /^(\d+)\/(\d+)$/.exec(report.runInfo.shard ?? '');
    if (!match) continue;
    const key = shardedRun(report);
    const run = runs.get(key) ?? { names: [...new Set(report.results.map((r) => r.implementation.name))].sort().join(', '), seen: new Map<number, Set<number>>() };
    runs.set(key, run);
    const n = Number(match[2]);
    const set = run.seen.get(n) ?? new Set<number>();
    set.add(Number(match[1]));
    run.seen.set(n, set);
  }
  const missing: string[] = [];
  for (const run of runs.values()) {
    const of = runs.size > 1 && run.names !== '' ? ` of ${run.names}` : '';
    for (const [n, present] of [...run.seen].sort((a, b) => a[0] - b[0])) {
      for (let i = 1; i <= n; i += 1) if (!present.has(i)) missing.push(`${i}/${n}${of}`);
    }
  }
  return missing;
}

/**
 * The run info of a merged report: the common suite version; the common tool version and command, or
 * the merger's version and `merge`; the earliest start and latest finish; incomplete when any input was
 * or a shard is missing; the declaration when all inputs agree, else the list of distinct ones.
 */
export function mergeRunInfo(reports: readonly LoadedReport[], mergerVersion: string): RunInfo {
  const infos = reports.map((r) => r.runInfo);
  const starts = infos.map((i) => i.startedAt).filter((s) => s !== '').sort();
  const finishes = infos.map((i) => i.finishedAt ?? '').filter((s) => s !== '').sort();
  const merged: RunInfo = {
    tool: { name: 'dps-conformance', version: same(infos.map((i) => i.tool.version)) ?? mergerVersion },
    command: same(infos.map((i) => i.command)) ?? 'merge',
    suiteVersion: infos[0]?.suiteVersion ?? 'unknown',
    startedAt: starts[0] ?? '',
  };
  const finishedAt = finishes[finishes.length - 1];
  if (finishedAt !== undefined) merged.finishedAt = finishedAt;
  const reasons = reports.filter((r) => r.runInfo.incomplete === true).map((r) => `${r.source}: ${r.runInfo.incompleteReason ?? 'stopped early'}`);
  const missing = missingShards(reports);
  if (missing.length > 0) reasons.push(`shard ${missing.join(', ')} missing`);
  if (reasons.length > 0) {
    merged.incomplete = true;
    merged.incompleteReason = reasons.join('; ');
  }
  const declarations = new Map<string, unknown>();
  for (const info of infos) if (info.declaration !== undefined) declarations.set(JSON.stringify(info.declaration), info.declaration);
  if (declarations.size === 1) merged.declaration = [...declarations.values()][0];
  else if (declarations.size > 1) merged.declaration = [...declarations.values()];
  return merged;
}
