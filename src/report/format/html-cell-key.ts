import type { CheckResult } from '../../results/check-result.js';
import { checkFamily } from './check-family.js';
import { implementationLabel } from './implementation-label.js';

/** The matrix row of a result: implementation, transport, dialect (kept apart, so no name can collide with another row). */
export function matrixRow(result: CheckResult): [implementation: string, transport: string, dialect: string] {
  return [implementationLabel(result), result.transport, result.dialect];
}

/** One key per matrix cell (row x check family), shared by the matrix and the drill-down that it links to. */
export function cellKey(result: CheckResult): string {
  return JSON.stringify([...matrixRow(result), checkFamily(result.checkId)]);
}
