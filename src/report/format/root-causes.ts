import { isRunWide } from '../../results/run-wide.js';
import type { Cause } from './group-by-cause.js';

/** A cause by its check and kind of mismatch (or crash line): `device.data.sent wrong-type`. */
export function rootCauseName(cause: Cause): string {
  const checks = cause.checkIds.length > 1 ? `${cause.checkId} +${cause.checkIds.length - 1} checks` : cause.checkId;
  const kind = cause.crash ?? cause.mismatch;
  return `${checks}${kind === undefined ? '' : ` ${kind}`}`;
}

/** A cause as an implementation's one-line verdict names it, its level always said: `device.data.sent wrong-type (MUST, 35 cases)`. */
export function rootCauseLabel(cause: Cause): string {
  const cases = cause.cases.every(isRunWide) ? 'run-wide' : `${cause.cases.length} case${cause.cases.length === 1 ? '' : 's'}`;
  return `${rootCauseName(cause)} (${cause.level}, ${cases})`;
}
