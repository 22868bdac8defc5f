import { isNotReached, type CheckResult, type Dialect, type Level, type Transport } from '../../results/check-result.js';
import { implementationLabel } from './implementation-label.js';

/**
 * The results of one implementation that a failure in the same case stopped (`skipped` with
 * `blockedBy`, docs/contract/reports.md "Not reached"), grouped by the check that blocked them. Neither
 * passed nor failed: every report counts them apart from failures and names what blocked them.
 */
export interface NotReachedGroup {
  implementation: string;
  /** the check whose result stopped these */
  blockedBy: string;
  /** MUST when any of the results not reached is MUST: a MUST that could not be judged */
  level: Level;
  count: number;
  /** the checks not reached, sorted */
  checkIds: string[];
  /** the cases, each once, in input order */
  caseIds: string[];
  transports: Transport[];
  dialects: Dialect[];
  /** the first result's reason */
  reason: string;
}

function addTo<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

/** The not-reached results grouped by implementation and blocking check, larger groups first. */
export function notReachedGroups(results: readonly CheckResult[]): NotReachedGroup[] {
  const groups = new Map<string, NotReachedGroup>();
  for (const result of results) {
    if (!isNotReached(result)) continue;
    const implementation = implementationLabel(result);
    const blockedBy = result.blockedBy ?? '';
    const key = JSON.stringify([implementation, blockedBy]);
    let group = groups.get(key);
    if (group === undefined) {
      group = { implementation, blockedBy, level: result.level, count: 0, checkIds: [], caseIds: [], transports: [], dialects: [], reason: result.message };
      groups.set(key, group);
    }
    group.count += 1;
    if (result.level === 'MUST') group.level = 'MUST';
    addTo(group.checkIds, result.checkId);
    addTo(group.caseIds, result.caseId);
    addTo(group.transports, result.transport);
    addTo(group.dialects, result.dialect);
  }
  const sorted = [...groups.values()];
  for (const group of sorted) group.checkIds.sort();
  return sorted.sort((a, b) => b.count - a.count);
}

/** The skipped results that are not "not reached": skipped for a reason of their own (a transport not served, a case not applicable). */
export function plainSkips(results: readonly CheckResult[]): CheckResult[] {
  return results.filter((r) => r.outcome === 'skipped' && !isNotReached(r));
}

/** `blocked by device.request.body: 7 checks not reached in 35 cases` */
export function notReachedLine(group: NotReachedGroup): string {
  const checks = group.checkIds.length === 1 ? `${group.checkIds[0] ?? ''} not reached` : `${group.checkIds.length} checks not reached`;
  const cases = `${group.caseIds.length} case${group.caseIds.length === 1 ? '' : 's'}`;
  return `blocked by ${group.blockedBy}: ${checks} in ${cases} (${group.count} result${group.count === 1 ? '' : 's'})`;
}
