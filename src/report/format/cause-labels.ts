import type { Cause } from './group-by-cause.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `device.data.sent +14 checks` for a cause that hit several checks, else its one check. */
export function checksLabel(cause: Cause): string {
  return cause.checkIds.length > 1 ? `${cause.checkId} +${cause.checkIds.length - 1} checks` : cause.checkId;
}

/** `3 cases · azure-iot-provisioning-device@1.9.1 · mqtt · ga, preview`: where a cause was seen, in one line. */
export function whereLine(cause: Cause): string {
  const distinct = (pick: (a: Cause['affected'][number]) => string): string[] => [...new Set(cause.affected.map(pick))];
  return [plural(distinct((a) => a.caseId).length, 'case'), distinct((a) => a.implementation).join(', '), distinct((a) => a.transport).join(', '), distinct((a) => a.dialect).join(', ')].join(' · ');
}

/**
 * `4 causes, 101 results`: the count every report heads its failures with (summary.md, report.html and
 * the console say the same for the same results).
 */
export function causeTotals(causes: readonly Cause[]): string {
  return `${plural(causes.length, 'cause')}, ${plural(causes.reduce((sum, c) => sum + c.count, 0), 'result')}`;
}
