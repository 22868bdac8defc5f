import type { CheckResult, Dialect, Level, Outcome, Transport } from '../../results/check-result.js';
import { adapterFaultOf, crashLine } from './crash-line.js';
import { implementationLabel } from './implementation-label.js';
import { messageShape } from './message-shape.js';

/** One place a cause was seen. */
export interface AffectedResult {
  caseId: string;
  /** `name@version`, or the webhook URL */
  implementation: string;
  transport: Transport;
  dialect: Dialect;
  checkId: string;
}

/** Failed or errored results that share one cause, with the evidence of the first. */
export interface RootCause {
  /** the check, or the first of several when a crash hit every check of a case */
  checkId: string;
  /** every check the cause hit, sorted */
  checkIds: string[];
  level: Level;
  outcome: Outcome;
  messageShape: string;
  /** the crash's own first line (`SyntaxError: ... (mqtt.js:47)`), when the evidence has a stack */
  crash?: string;
  firstResult: CheckResult;
  affected: AffectedResult[];
  /** how many of the affected block the verdict (MUST, not waived) */
  blocking: number;
  waived: number;
}

/**
 * Groups failed and errored results by cause: the same check with the same message shape, or the same
 * crash. A crash is one cause whatever check it hit, so an adapter that dies on one transport is one
 * group listing every case, not one row per check and case. Groups come blocking first, then by size.
 */
export function groupByRootCause(results: readonly CheckResult[]): RootCause[] {
  const groups = new Map<string, RootCause>();
  for (const result of results) {
    if (result.outcome !== 'failed' && result.outcome !== 'errored') continue;
    // an adapter fault (crash, hang, garbage) is the cause of every check of its case: key it by the fault, not the check
    const fault = result.outcome === 'errored' ? adapterFaultOf(result.evidence) : undefined;
    const crash = result.outcome === 'errored' ? crashLine(result.evidence) : undefined;
    const shape = messageShape(fault?.message ?? result.message, result.caseId);
    // the crash line's shape too: `... at position 514` and `... at position 695` are one crash
    const crashShape = crash === undefined ? '' : messageShape(crash, result.caseId);
    let key: string;
    if (fault) key = JSON.stringify(['fault', fault.kind, shape, crashShape]);
    // errored = the exchange went wrong (no answer, garbage), whichever check looked at it: one cause across checks
    else if (result.outcome === 'errored') key = JSON.stringify(['errored', result.mismatch ?? '', messageShape(exchangeProblem(result.message), result.caseId), crashShape]);
    else key = JSON.stringify(['check', result.checkId, result.level, result.outcome, shape, crashShape]);
    let group = groups.get(key);
    if (!group) {
      group = {
        checkId: result.checkId,
        checkIds: [],
        level: result.level,
        outcome: result.outcome,
        messageShape: shape,
        firstResult: result,
        affected: [],
        blocking: 0,
        waived: 0,
      };
      if (crash !== undefined) group.crash = crash;
      groups.set(key, group);
    }
    if (result.level === 'MUST') group.level = 'MUST';
    if (!group.checkIds.includes(result.checkId)) group.checkIds.push(result.checkId);
    group.affected.push({
      caseId: result.caseId,
      implementation: implementationLabel(result),
      transport: result.transport,
      dialect: result.dialect,
      checkId: result.checkId,
    });
    if (result.waived) group.waived += 1;
    else if (result.level === 'MUST') group.blocking += 1;
  }
  const sorted = [...groups.values()];
  for (const group of sorted) group.checkIds.sort();
  return sorted.sort((a, b) => Number(b.blocking > 0) - Number(a.blocking > 0) || b.affected.length - a.affected.length);
}

/**
 * What went wrong with the exchange, without the check's own words: `data-flat (ga): expected an answer,
 * got not sent: X` and `pact: ... (ga): not sent: X` are both `not sent: X`.
 */
function exchangeProblem(message: string): string {
  return message.replace(/^.*?\((?:ga|preview)\): /, '').replace(/^expected [^,]*, got /, '');
}

/** `3 cases · azure-iot-provisioning-device@1.9.1 · mqtt · ga, preview`: where a cause was seen, in one line. */
export function affectedLine(group: RootCause): string {
  const distinct = (pick: (a: AffectedResult) => string): string[] => [...new Set(group.affected.map(pick))];
  const cases = distinct((a) => a.caseId).length;
  return [`${cases} case${cases === 1 ? '' : 's'}`, distinct((a) => a.implementation).join(', '), distinct((a) => a.transport).join(', '), distinct((a) => a.dialect).join(', ')].join(' · ');
}
