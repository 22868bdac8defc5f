import { isDeepStrictEqual } from 'node:util';
import { describeJson } from '../answer-body.js';
import type { CaseCheck } from '../check-definition.js';
import type { RunnableCase } from '../planned-case.js';

/** What the user's own cases (`--cases FILE`) expect of the answer. */

function returnedData(body: Record<string, unknown>, planned: RunnableCase): unknown {
  return body[planned.dialect === 'ga' ? 'payload' : 'returnData'];
}

function short(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export const caseHubCheck: CaseCheck = {
  id: 'webhook.case.hub',
  level: 'MUST',
  per: 'case',
  title: 'Expected hub (user case)',
  requirement: 'the answer assigns exactly the hub the case file expects (expect.iotHubHostName)',
  appliesTo: (planned) => planned.expect?.iotHubHostName !== undefined,
  judge(j, planned) {
    const expected = planned.expect?.iotHubHostName;
    const actual = j.responseObject()['iotHubHostName'];
    if (actual === expected) return `${j.label}: ${String(actual)}`;
    return j.fail('unexpected-value', `expected iotHubHostName "${String(expected)}", got ${describeJson(actual)}`, expected, actual ?? null);
  },
};

export const caseReturnDataCheck: CaseCheck = {
  id: 'webhook.case.returnData',
  level: 'MUST',
  per: 'case',
  title: 'Expected returned data (user case)',
  requirement: 'the returned data (ga payload, preview returnData) deep-equals expect.returnData and satisfies expect.returnDataSchema, whichever the case gives',
  appliesTo: (planned) => planned.expect !== undefined && ('returnData' in planned.expect || planned.expect.returnDataSchema !== undefined),
  judge(j, planned) {
    const expect = planned.expect ?? {};
    const actual = returnedData(j.responseObject(), planned);
    if ('returnData' in expect && !isDeepStrictEqual(actual, expect.returnData)) {
      return j.fail('unexpected-value', `expected returned data ${short(expect.returnData)}, got ${short(actual)}`, expect.returnData, actual ?? null);
    }
    const validate = expect.returnDataSchema;
    if (validate && !validate(actual)) {
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath === '' ? '(data)' : e.instancePath} ${e.message ?? e.keyword}`);
      return j.fail('schema-mismatch', `expected returned data that satisfies the case's returnDataSchema, got ${short(actual)}: ${problems[0] ?? 'invalid'}`, 'expect.returnDataSchema', actual ?? null);
    }
    return `${j.label}: returned data as expected`;
  },
};

export const caseInitialTwinCheck: CaseCheck = {
  id: 'webhook.case.initialTwin',
  level: 'MUST',
  per: 'case',
  title: 'Expected initial twin (user case)',
  requirement: 'initialTwin deep-equals expect.initialTwin',
  appliesTo: (planned) => planned.expect?.initialTwin !== undefined,
  judge(j, planned) {
    const expected = planned.expect?.initialTwin;
    const actual = j.responseObject()['initialTwin'];
    if (isDeepStrictEqual(actual, expected)) return `${j.label}: initialTwin as expected`;
    return j.fail('unexpected-value', `expected initialTwin ${short(expected)}, got ${short(actual)}`, expected, actual ?? null);
  },
};

export const USER_CASE_CHECKS: readonly CaseCheck[] = [caseHubCheck, caseReturnDataCheck, caseInitialTwinCheck];
