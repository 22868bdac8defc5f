import type { RunInfo } from '../results/run-info.js';
import type { LoadedReport } from './read-report.js';

function same<T>(values: readonly T[]): T | undefined {
  return values.every((v) => v === values[0]) ? values[0] : undefined;
}

/** `shard i/n` values that no input carries, for every `n` seen (a CI job that never uploaded). */
export function missingShards(reports: readonly LoadedReport[]): string[] {
  const seen = new Map<number, Set<number>>();
  for (const { runInfo } of reports) {
    const match = /^(\d+)\/(\d+)$/.exec(runInfo.shard ?? '');
    if (!match) continue;
    const n = Number(match[2]);
    const set = seen.get(n) ?? new Set<number>();
    set.add(Number(match[1]));
    seen.set(n, set);
  }
  const missing: string[] = [];
  for (const [n, present] of [...seen].sort((a, b) => a[0] - b[0])) {
    for (let i = 1; i <= n; i += 1) if (!present.has(i)) missing.push(`${i}/${n}`);
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
