import { isRunWide } from '../../results/run-wide.js';
import type { Cause } from './group-by-cause.js';

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `device.data.sent +14 checks` for a cause that hit several checks, else its one check. */
export function checksLabel(cause: Cause): string {
  return cause.checkIds.length > 1 ? `${cause.checkId} +${cause.checkIds.length - 1} checks` : cause.checkId;
}

/**
 * `3 cases · azure-iot-provisioning-device@1.9.1 · mqtt · ga, preview` (`run-wide · ...` for a run-wide
 * check, as causeWhere says): where a cause was seen, in one line.
 */
export function whereLine(cause: Cause): string {
  const each = (pick: (a: Cause['affected'][number]) => string): string[] => [...new Set(cause.affected.map(pick))];
  const cases = cause.affected.every(isRunWide) ? 'run-wide' : plural(each((a) => a.caseId).length, 'case');
  return [cases, each((a) => a.implementation).join(', '), each((a) => a.transport).join(', '), each((a) => a.dialect).join(', ')].join(' · ');
}

/**
 * `4 causes, 101 results`: the count every report heads its failures with (summary.md, report.html and
 * the console say the same for the same results).
 */
export function causeTotals(causes: readonly Cause[]): string {
  return `${plural(causes.length, 'cause')}, ${plural(causes.reduce((sum, c) => sum + c.count, 0), 'result')}`;
}

/** `Azure IoT Java SDK 2.1.3 · 35 cases · https, mqtt · ga · 175 results` */
export function causeWhere(cause: Cause): string {
  const cases = cause.cases.every(isRunWide) ? 'run-wide' : `${cause.cases.length} case${cause.cases.length === 1 ? '' : 's'}`;
  const transports = distinct(cause.cases.flatMap((c) => c.transports)).join(', ');
  const dialects = distinct(cause.cases.flatMap((c) => c.dialects)).join(', ');
  return `${cause.implementation} · ${cases} · ${transports} · ${dialects} · ${cause.count} result${cause.count === 1 ? '' : 's'}`;
}

/** `device.data.sent · MUST · failed · wrong-type`: what the cause is, with its level always said. */
export function causeTitle(cause: Cause): string {
  const outcome = cause.waived === cause.count ? `WAIVED (${cause.outcome})` : cause.outcome;
  return [checksLabel(cause), cause.level, `${outcome}${cause.firstResult.harnessFault ? ' (harness fault)' : ''}`, ...(cause.mismatch === undefined ? [] : [cause.mismatch])].join(' · ');
}

