import { isDeepStrictEqual } from 'node:util';
import { CheckNotReached } from '../../../src/results/check-outcome-errors.js';
import { describeJson } from '../answer-body.js';
import type { CaseCheck } from '../check-definition.js';
import type { RunnableCase } from '../planned-case.js';
import { describeRefusal } from '../refusal.js';

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
    const actual = j.acceptedObject()['iotHubHostName'];
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
    const actual = returnedData(j.acceptedObject(), planned);
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
    const actual = j.acceptedObject()['initialTwin'];
    if (isDeepStrictEqual(actual, expected)) return `${j.label}: initialTwin as expected`;
    return j.fail('unexpected-value', `expected initialTwin ${short(expected)}, got ${short(actual)}`, expected, actual ?? null);
  },
};

/** What a user case expects of the answer's content: each implies that the webhook accepts the device. */
function expectsContent(expect: RunnableCase['expect']): boolean {
  return expect !== undefined && (expect.iotHubHostName !== undefined || 'returnData' in expect || expect.returnDataSchema !== undefined || expect.initialTwin !== undefined);
}

export const caseRefusedCheck: CaseCheck = {
  id: 'webhook.case.refused',
  level: 'MUST',
  per: 'case',
  title: 'Refused or accepted as expected (user case)',
  requirement:
    'with expect.refused true, the webhook refuses the request with a clean 4xx (not 401, not 429); with false, or with an expected hub, ' +
    'data or twin (which a refusal cannot meet), it accepts it with HTTP 200; a refusal of such a case is this one failure, ' +
    'and the content checks are not reached',
  appliesTo: (planned) => planned.expect?.refused !== undefined || expectsContent(planned.expect),
  judge(j, planned) {
    const answer = j.answered();
    const refusal = j.refusal();
    if (planned.expect?.refused === true) {
      if (refusal) return `${j.label}: ${describeRefusal(refusal)}, as expected`;
      if (answer.status === 200) {
        let hub: unknown;
        try {
          hub = j.responseObject()['iotHubHostName'];
        } catch {
          hub = undefined;
        }
        const assigned = typeof hub === 'string' ? `, assigning ${hub}` : '';
        return j.fail('accepted', `expected the webhook to refuse this device (a 4xx), got HTTP 200${assigned}`, 'a 4xx refusal', 200);
      }
      throw new CheckNotReached(`${j.label}: not judged: HTTP ${answer.status} is neither a refusal nor an acceptance (see webhook.response.status)`, 'webhook.response.status');
    }
    if (refusal) {
      const why = planned.expect?.refused === false ? '' : ' (the case expects a hub, data or a twin)';
      return j.fail('refused', `expected the webhook to accept this device${why}, got it ${describeRefusal(refusal)}`, 'HTTP 200', refusal.status);
    }
    if (answer.status === 200) return `${j.label}: accepted (HTTP 200), as expected`;
    throw new CheckNotReached(`${j.label}: not judged: HTTP ${answer.status} is neither a refusal nor an acceptance (see webhook.response.status)`, 'webhook.response.status');
  },
};

export const USER_CASE_CHECKS: readonly CaseCheck[] = [caseRefusedCheck, caseHubCheck, caseReturnDataCheck, caseInitialTwinCheck];
