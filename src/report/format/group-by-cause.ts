import type { CheckResult, Dialect, Level, Outcome, Transport } from '../../results/check-result.js';
import { isRunWide } from '../../results/run-wide.js';
import { adapterFaultOf, crashLine, errorLine } from './crash-line.js';
import { implementationLabel } from './implementation-label.js';
import { messageShape } from './message-shape.js';
import { dataSentOf } from './request-data.js';

/** One place a cause was seen: a case on one implementation x transport x dialect, listed once. */
export interface AffectedPlace {
  caseId: string;
  /** the implementation's label (implementationLabel) */
  implementation: string;
  transport: Transport;
  dialect: Dialect;
  /** the checks the cause hit at this place, in the order seen */
  checkIds: string[];
}

/**
 * One case a cause hit, however many transports, dialects and checks: what a reader scans to see which
 * data shapes the defect depends on. `data` is the device data the case sent (clipped JSON, from the
 * evidence of its first result), `detail` the case's own first message when it reads differently from
 * the cause's first (the same kind of mismatch on other data).
 */
export interface AffectedCase {
  caseId: string;
  transports: Transport[];
  dialects: Dialect[];
  checkIds: string[];
  /** results of the cause at this case */
  count: number;
  data?: string;
  detail?: string;
}

/**
 * Results with one cause: one implementation, and the same check, level, outcome and kind of mismatch
 * (the result's `mismatch`; without one, the same message shape once volatile text is taken out); or,
 * for an errored result, the same adapter fault or failed exchange whatever check saw it (an adapter that
 * dies on one transport is one cause listing every case, not one per check); or, for a skipped one, the
 * same reason. Every report (summary.md, report.html, the console) groups with this, so the same results
 * count as the same number of causes everywhere.
 */
export interface Cause {
  /** the check of the first result; `checkIds` holds every check when the cause hit several */
  checkId: string;
  /** every check the cause hit, sorted */
  checkIds: string[];
  /** the label of the implementation the cause belongs to (a defect is one implementation's); for a skip reason, the first one it stopped */
  implementation: string;
  /** MUST when any of its results is MUST */
  level: Level;
  outcome: Outcome;
  /** the result's kind of mismatch (`wrong-type`, `timeout`, `crash`, ...), when the results name one */
  mismatch?: string;
  /** the first result's message (or its adapter fault's) with what names the case and volatile text taken out */
  messageShape: string;
  /** the crash's own first line (`SyntaxError: ... (mqtt.js:47)`), when an errored result's evidence has a stack */
  crash?: string;
  /** the first result of the cause, in input order: its message, expected, actual and evidence stand for all */
  firstResult: CheckResult;
  /** every place the cause showed, each listed once, in input order */
  affected: AffectedPlace[];
  /** every case the cause hit, each once, in input order, with its transports, dialects and data sent */
  cases: AffectedCase[];
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
function causeOf(result: CheckResult, implementation: string): { key: string; shape: string; crash?: string; mismatch?: string } {
  const errored = result.outcome === 'errored';
  // an adapter fault (crash, hang, garbage) is the cause of every check of its case: key it by the fault, not the check
  const fault = errored ? adapterFaultOf(result.evidence) : undefined;
  // without a fault the adapter did not crash: only an error line of its stderr explains anything (its last log line does not)
  const crash = !errored ? undefined : fault !== undefined ? crashLine(result.evidence) : errorLine(result.evidence);
  const shape = messageShape(fault?.message ?? result.message, result.caseId);
  // the crash line's shape too: `... at position 514` and `... at position 695` are one crash
  const crashShape = crash === undefined ? '' : messageShape(crash, result.caseId);
  const mismatch = fault?.kind ?? result.mismatch;
  let key: unknown[];
  // a waived result is accepted, never among the failures: its causes stay apart
  const waived = result.waived !== undefined;
  if (fault) key = ['fault', implementation, fault.kind, shape, crashShape];
  // errored = the exchange went wrong (no answer, garbage), whichever check looked at it: one cause across checks;
  // a harness fault is our bug, never the same cause as the target's
  else if (errored) {
    const problem = result.mismatch === undefined ? messageShape(exchangeProblem(result.message), result.caseId) : '';
    key = ['errored', implementation, result.harnessFault === true, result.mismatch ?? '', problem, crashShape];
  }
  // a skip reason (`transport amqp is not served`) is why no check ran, whichever check it was: one cause across checks;
  // a result not reached is grouped by what blocked it (notReachedGroups), never with a failure
  // (a reason is the cause whatever implementation it stopped: `transport amqp is not served` is one line)
  else if (result.outcome === 'skipped') key = ['skipped', result.blockedBy ?? '', shape];
  // one check and one kind of mismatch is one defect, whatever data and wording each case produced
  else key = ['check', implementation, result.checkId, result.level, result.outcome, result.mismatch === undefined ? ['shape', shape] : ['mismatch', result.mismatch]];
  const out: { key: string; shape: string; crash?: string; mismatch?: string } = { key: JSON.stringify([waived, ...key]), shape };
  if (crash !== undefined) out.crash = crash;
  if (mismatch !== undefined) out.mismatch = mismatch;
  return out;
}

function addTo<T>(list: T[], value: T): void {
  if (!list.includes(value)) list.push(value);
}

interface Entry {
  cause: Cause;
  places: Map<string, AffectedPlace>;
  cases: Map<string, AffectedCase>;
  /** the first result's own message shape, to tell which cases read differently */
  firstShape: string;
}

function newCause(result: CheckResult, implementation: string, found: ReturnType<typeof causeOf>): Entry {
  const cause: Cause = {
    checkId: result.checkId,
    checkIds: [],
    implementation,
    level: result.level,
    outcome: result.outcome,
    messageShape: found.shape,
    firstResult: result,
    affected: [],
    cases: [],
    count: 0,
    blocking: 0,
    waived: 0,
  };
  if (found.crash !== undefined) cause.crash = found.crash;
  if (found.mismatch !== undefined) cause.mismatch = found.mismatch;
  return { cause, places: new Map(), cases: new Map(), firstShape: found.shape };
}

function addCase(entry: Entry, result: CheckResult, shape: string): void {
  const { cause } = entry;
  let affected = entry.cases.get(result.caseId);
  if (affected === undefined) {
    affected = { caseId: result.caseId, transports: [], dialects: [], checkIds: [], count: 0 };
    if (!isRunWide(result)) {
      const data = dataSentOf(result.evidence);
      if (data !== undefined) affected.data = data;
    }
    if (shape !== entry.firstShape) affected.detail = result.message;
    entry.cases.set(result.caseId, affected);
    cause.cases.push(affected);
  }
  affected.count += 1;
  addTo(affected.transports, result.transport);
  addTo(affected.dialects, result.dialect);
  addTo(affected.checkIds, result.checkId);
}

/**
 * Groups results by cause (see Cause), whatever their outcome: callers choose which to group
 * (failureCauses for failed and errored, or the skipped ones). Causes come blocking first, then by
 * size, then in the order of their first result; affected places and cases in the order they came.
 */
export function groupByCause(results: readonly CheckResult[]): Cause[] {
  const causes = new Map<string, Entry>();
  for (const result of results) {
    const implementation = implementationLabel(result);
    const found = causeOf(result, implementation);
    let entry = causes.get(found.key);
    if (!entry) {
      entry = newCause(result, implementation, found);
      causes.set(found.key, entry);
    }
    const { cause, places } = entry;
    cause.count += 1;
    if (result.level === 'MUST') cause.level = 'MUST';
    addTo(cause.checkIds, result.checkId);
    if (result.waived) cause.waived += 1;
    else if (result.level === 'MUST' && (result.outcome === 'failed' || result.outcome === 'errored')) cause.blocking += 1;
    const placeKey = JSON.stringify([result.caseId, implementation, result.transport, result.dialect]);
    const place = places.get(placeKey);
    if (place === undefined) {
      const added: AffectedPlace = { caseId: result.caseId, implementation, transport: result.transport, dialect: result.dialect, checkIds: [result.checkId] };
      places.set(placeKey, added);
      cause.affected.push(added);
    } else addTo(place.checkIds, result.checkId);
    addCase(entry, result, found.shape);
  }
  const sorted = [...causes.values()].map(({ cause }) => cause);
  for (const cause of sorted) cause.checkIds.sort();
  return sorted.sort((a, b) => Number(b.blocking > 0) - Number(a.blocking > 0) || b.count - a.count);
}

const failedOrErrored = (r: CheckResult): boolean => r.outcome === 'failed' || r.outcome === 'errored';

/** The causes of the failed and errored results that are not waived: what every report counts as failures. */
export function failureCauses(results: readonly CheckResult[]): Cause[] {
  return groupByCause(results.filter((r) => failedOrErrored(r) && r.waived === undefined));
}

/** The causes of the waived results (failed or errored, accepted by a waiver): every report lists them apart from failures. */
export function waivedCauses(results: readonly CheckResult[]): Cause[] {
  return groupByCause(results.filter((r) => failedOrErrored(r) && r.waived !== undefined));
}
