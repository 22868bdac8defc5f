import type { CheckResult, ImplementationRef, Level, Outcome, Transport, Dialect } from '../../results/check-result.js';

/** Where one result of a group came from: the case and the implementation x transport x dialect. */
export interface AffectedCase {
  caseId: string;
  implementation: ImplementationRef;
  transport: Transport;
  dialect: Dialect;
}

/**
 * Results with one cause: the same check, level and outcome, and a message of the same shape once
 * what names the case (its id, numbers, quoted values) is taken out. A webhook or device that is wrong
 * in one way reads as one group, whatever number of cases show it.
 */
export interface CauseGroup {
  checkId: string;
  level: Level;
  outcome: Outcome;
  /** the message with the case label, the case id, numbers and quoted values replaced by placeholders */
  messageShape: string;
  /** the first result of the group, in input order: its message, expected, actual and evidence stand for all */
  firstResult: CheckResult;
  /** every place the cause showed, each listed once, in input order */
  affected: AffectedCase[];
  /** how many results the group holds (at least affected.length: the same case may repeat across runs) */
  count: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The shape of a result's message: the leading label (`<caseId> (<dialect>): `, `run-wide (<dialect>): `, ...) is
 * dropped, other mentions of the case id become `<case>`, double-quoted values `"…"`, and numbers
 * `<n>`. Pure: the same result always gives the same shape.
 */
export function messageShape(result: Pick<CheckResult, 'message' | 'caseId' | 'dialect'>): string {
  let text = result.message;
  for (const label of [
    `${result.caseId} (${result.dialect}): `,
    `run-wide (${result.dialect}): `,
    `${result.caseId}: `,
    `${result.dialect}: `,
  ]) {
    if (text.startsWith(label)) {
      text = text.slice(label.length);
      break;
    }
  }
  // a very short id would match inside ordinary words
  if (result.caseId.length >= 4) text = text.replace(new RegExp(escapeRegExp(result.caseId), 'g'), '<case>');
  return text.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\d+(?:\.\d+)?/g, '<n>');
}

function placeKey(a: AffectedCase): string {
  return [a.caseId, a.implementation.name, a.implementation.version ?? '', a.transport, a.dialect].join('\u0000');
}

/**
 * Groups results by cause (check id x level x outcome x message shape), keeping input order: groups in
 * the order of their first result, affected places in the order they came. Works on any results
 * (webhook, device, end to end); callers choose which results to group (failures only, skipped, ...).
 */
export function groupByCause(results: readonly CheckResult[]): CauseGroup[] {
  const groups = new Map<string, CauseGroup & { seen: Set<string> }>();
  for (const result of results) {
    const shape = messageShape(result);
    const key = [result.checkId, result.level, result.outcome, shape].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = {
        checkId: result.checkId,
        level: result.level,
        outcome: result.outcome,
        messageShape: shape,
        firstResult: result,
        affected: [],
        count: 0,
        seen: new Set(),
      };
      groups.set(key, group);
    }
    group.count += 1;
    const place: AffectedCase = {
      caseId: result.caseId,
      implementation: result.implementation,
      transport: result.transport,
      dialect: result.dialect,
    };
    const placeId = placeKey(place);
    if (!group.seen.has(placeId)) {
      group.seen.add(placeId);
      group.affected.push(place);
    }
  }
  return [...groups.values()].map(({ seen: _seen, ...group }) => group);
}
