import type { CheckResult, Dialect, Level, Outcome, Transport } from '../../results/check-result.js';
import { adapterFaultOf, crashLine } from './crash-line.js';
import { implementationLabel } from './implementation-label.js';
import { messageShape } from './message-shape.js';

/** One place a cause was seen: a case on one implementation x transport x dialect, listed once. */
export interface AffectedPlace {
  caseId: string;
  /** `name@version`, or the webhook URL */
  implementation: string;
  transport: Transport;
  dialect: Dialect;
  /** the checks the cause hit at this place, in the order seen */
  checkIds: string[];
}

/**
 * Results with one cause: the same check, level, outcome and message shape; or, for an errored result,
 * the same adapter fault or failed exchange whatever check saw it (an adapter that dies on one transport
 * is one cause listing every case, not one per check); or, for a skipped one, the same reason. Every report (summary.md, report.html, the
 * console) groups with this, so the same results count as the same number of causes everywhere.
 */
export interface Cause {
  /** the check of the first result; `checkIds` holds every check when the cause hit several */
  checkId: string;
  /** every check the cause hit, sorted */
  checkIds: string[];
  /** MUST when any of its results is MUST */
  level: Level;
  outcome: Outcome;
  /** the first result's message (or its adapter fault's) with what names the case taken out */
  messageShape: string;
  /** the crash's own first line (`SyntaxError: ... (mqtt.js:47)`), when an errored result's evidence has a stack */
  crash?: string;
  /** the first result of the cause, in input order: its message, expected, actual and evidence stand for all */
  firstResult: CheckResult;
  /** every place the cause showed, each listed once, in input order */
  affected: AffectedPlace[];
  /** how many results the cause holds (at least affected.length: several checks or runs may hit one place) */
  count: number;
  /** how many of its results block the verdict (MUST, failed or errored, not waived) */
  blocking: number;
  /** how many of its results are waived */
  waived: number;
}

/**
 * What went wrong with the exchange, without the check's own words: `data-flat (ga): expected an answer,
 * got not sent: X` and `pact: ... (ga): not sent: X` are both `not sent: X`.
 */
function exchangeProblem(message: string): string {
  return message.replace(/^.*?\((?:ga|preview)\): /, '').replace(/^expected [^,]*, got /, '');
}

/** The key of a result's cause, and the shape and crash line it shows. */
function causeOf(result: CheckResult): { key: string; shape: string; crash?: string } {
  const errored = result.outcome === 'errored';
  // an adapter fault (crash, hang, garbage) is the cause of every check of its case: key it by the fault, not the check
  const fault = errored ? adapterFaultOf(result.evidence) : undefined;
  const crash = errored ? crashLine(result.evidence) : undefined;
  const shape = messageShape(fault?.message ?? result.message, result.caseId);
  // the crash line's shape too: `... at position 514` and `... at position 695` are one crash
  const crashShape = crash === undefined ? '' : messageShape(crash, result.caseId);
  let key: unknown[];
  if (fault) key = ['fault', fault.kind, shape, crashShape];
  // errored = the exchange went wrong (no answer, garbage), whichever check looked at it: one cause across checks;
  // a harness fault is our bug, never the same cause as the target's
  else if (errored) {
    const problem = messageShape(exchangeProblem(result.message), result.caseId);
    key = ['errored', result.harnessFault === true, result.mismatch ?? '', problem, crashShape];
  }
  // a skip reason (`transport amqp is not served`) is why no check ran, whichever check it was: one cause across checks
  else if (result.outcome === 'skipped') key = ['skipped', shape];
  else key = ['check', result.checkId, result.level, result.outcome, shape];
  return crash === undefined ? { key: JSON.stringify(key), shape } : { key: JSON.stringify(key), shape, crash };
}

/**
 * Groups results by cause (see Cause), whatever their outcome: callers choose which to group
 * (failureCauses for failed and errored, or the skipped ones). Causes come blocking first, then by
 * size, then in the order of their first result; affected places in the order they came.
 */
export function groupByCause(results: readonly CheckResult[]): Cause[] {
  const causes = new Map<string, { cause: Cause; places: Map<string, AffectedPlace> }>();
  for (const result of results) {
    const { key, shape, crash } = causeOf(result);
    let entry = causes.get(key);
    if (!entry) {
      const cause: Cause = {
        checkId: result.checkId,
        checkIds: [],
        level: result.level,
        outcome: result.outcome,
        messageShape: shape,
        firstResult: result,
        affected: [],
        count: 0,
        blocking: 0,
        waived: 0,
      };
      if (crash !== undefined) cause.crash = crash;
      entry = { cause, places: new Map() };
      causes.set(key, entry);
    }
    const { cause, places } = entry;
    cause.count += 1;
    if (result.level === 'MUST') cause.level = 'MUST';
    if (!cause.checkIds.includes(result.checkId)) cause.checkIds.push(result.checkId);
    if (result.waived) cause.waived += 1;
    else if (result.level === 'MUST' && (result.outcome === 'failed' || result.outcome === 'errored')) cause.blocking += 1;
    const implementation = implementationLabel(result);
    const placeKey = JSON.stringify([result.caseId, implementation, result.transport, result.dialect]);
    const place = places.get(placeKey);
    if (place === undefined) {
      const added: AffectedPlace = { caseId: result.caseId, implementation, transport: result.transport, dialect: result.dialect, checkIds: [result.checkId] };
      places.set(placeKey, added);
      cause.affected.push(added);
    } else if (!place.checkIds.includes(result.checkId)) place.checkIds.push(result.checkId);
  }
  const sorted = [...causes.values()].map(({ cause }) => cause);
  for (const cause of sorted) cause.checkIds.sort();
  return sorted.sort((a, b) => Number(b.blocking > 0) - Number(a.blocking > 0) || b.count - a.count);
}

/** The causes of the failed and errored results (waived ones included): what every report counts as causes. */
export function failureCauses(results: readonly CheckResult[]): Cause[] {
  return groupByCause(results.filter((r) => r.outcome === 'failed' || r.outcome === 'errored'));
}
