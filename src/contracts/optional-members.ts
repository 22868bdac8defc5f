import type { Dialect } from '../results/check-result.js';

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The part of the webhook contract Pact cannot express, because Pact has no optional members: the
 * returned data and `initialTwin` need not be there, but when they are, their type is fixed
 * (`schemas/<dialect>/allocation-response.schema.json`). Returns one readable problem per bad member.
 */
export function optionalMemberProblems(dialect: Dialect, body: unknown): string[] {
  if (!isJsonObject(body)) return [];
  const answer = body as Record<string, unknown>;
  const problems: string[] = [];
  if (dialect === 'ga' && 'payload' in answer && !(isJsonObject(answer['payload']) || answer['payload'] === null)) {
    problems.push(`$.payload -> expected a JSON object or null (ga returned data), got ${typeName(answer['payload'])}`);
  }
  if (dialect === 'preview' && 'returnData' in answer && !(typeof answer['returnData'] === 'string' || answer['returnData'] === null)) {
    problems.push(`$.returnData -> expected a string or null (preview returned data), got ${typeName(answer['returnData'])}`);
  }
  if ('initialTwin' in answer && !(isJsonObject(answer['initialTwin']) || answer['initialTwin'] === null)) {
    problems.push(`$.initialTwin -> expected an object or null, got ${typeName(answer['initialTwin'])}`);
  }
  return problems;
}
