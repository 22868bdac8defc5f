import type { Dialect } from '../results/check-result.js';
import { initialTwinProblems, returnedDataMember, returnedDataProblem } from '../dps/answer-member-problems.js';

/** A problem with an optional member of the answer, and the webhook suite's check that owns it. */
export interface MemberProblem {
  /** `webhook.response.initialTwin` or `webhook.returnData.type`: the check that judges the member on every case */
  checkId: string;
  /** one readable line, with the member's path */
  problem: string;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The part of the webhook contract Pact cannot express, because Pact has no optional members: the
 * returned data and `initialTwin` need not be there, but when they are, their type and shape are fixed
 * (`schemas/<dialect>/allocation-response.schema.json`), judged as the webhook suite's checks judge
 * them (src/dps/answer-member-problems.ts). One problem per bad member, with its owning check.
 */
export function optionalMemberProblems(dialect: Dialect, body: unknown): MemberProblem[] {
  if (!isJsonObject(body)) return [];
  const problems: MemberProblem[] = [];
  const data = returnedDataProblem(dialect, body[returnedDataMember(dialect).member]);
  if (data !== undefined) problems.push({ checkId: 'webhook.returnData.type', problem: data });
  for (const problem of initialTwinProblems(body['initialTwin'])) problems.push({ checkId: 'webhook.response.initialTwin', problem });
  return problems;
}
