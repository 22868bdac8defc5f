import type { CheckResult } from '../results/check-result.js';

/**
 * The stable identity of a result across runs: checkId, implementation, transport, dialect, caseId.
 * `report diff` leaves the implementation's version out (comparing release N with N+1 is its point);
 * `report merge` keeps it (two versions side by side in one matrix are not duplicates).
 */
export function resultKey(result: CheckResult, options: { withVersion?: boolean } = {}): string {
  const { name, version } = result.implementation;
  const implementation = options.withVersion === true && version !== undefined ? `${name}@${version}` : name;
  return [result.checkId, implementation, result.transport, result.dialect, result.caseId].join('\u0000');
}

/** The key as a person reads it: `checkId [caseId] implementation transport dialect`. */
export function describeKey(result: CheckResult, options: { withVersion?: boolean } = {}): string {
  const { name, version } = result.implementation;
  const implementation = options.withVersion === true && version !== undefined ? `${name}@${version}` : name;
  return `${result.checkId} [${result.caseId}] ${implementation} ${result.transport} ${result.dialect}`;
}
