import { isLinkedHub } from '../../../src/dps/same-host-name.js';
import { getSchemaRegistry } from '../../../src/schemas/schema-registry.js';
import { formatReadableErrors, type ReadableError } from '../../../src/schemas/readable-errors.js';
import { INITIAL_TWIN_SHAPE, initialTwinProblems, returnedDataMember, returnedDataProblem } from '../../../src/dps/answer-member-problems.js';
import type { Dialect } from '../../../src/results/check-result.js';
import { describeJson } from '../answer-body.js';
import type { CaseCheck } from '../check-definition.js';

/** The answer as an AllocationResponse: schema, hub, initial twin, returned data. */

function linkedHubsOf(body: Record<string, unknown>): string[] {
  const hubs = body['linkedHubs'];
  return Array.isArray(hubs) ? hubs.filter((h): h is string => typeof h === 'string') : [];
}

/**
 * The check that judges a schema error's member on its own, if any: one defect is one failure, so the
 * schema check leaves these to them (iotHubHostName, initialTwin, the dialect's returned data).
 */
export function schemaErrorOwner(error: ReadableError, dialect: Dialect): string | undefined {
  const owners: Record<string, string> = {
    iotHubHostName: 'webhook.response.hub',
    initialTwin: 'webhook.response.initialTwin',
    [returnedDataMember(dialect).member]: 'webhook.returnData.type',
  };
  const missing = error.keyword === 'required' ? /"([^"]+)"/.exec(error.message)?.[1] : undefined;
  const member = missing ?? error.path.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
  if ((error.path === '' && missing === undefined) || member === undefined || !Object.hasOwn(owners, member)) return undefined;
  return owners[member];
}

export const schemaCheck: CaseCheck = {
  id: 'webhook.response.schema',
  level: 'MUST',
  per: 'case',
  title: 'Allocation response schema',
  requirement:
    "the JSON body validates against the dialect's allocation-response schema (schemas/<dialect>/allocation-response.schema.json); " +
    'a member with a check of its own (iotHubHostName, initialTwin, the returned data) is judged there only, so that one defect fails one check',
  judge(j, planned) {
    const value = j.jsonBody();
    const outcome = getSchemaRegistry().validate('allocation-response', planned.dialect, value);
    if (outcome.valid) return `${j.label}: valid ${outcome.schema}`;
    const owned = outcome.errors.map((e) => schemaErrorOwner(e, planned.dialect));
    const own = outcome.errors.filter((_, i) => owned[i] === undefined);
    if (own.length === 0) {
      const others = [...new Set(owned)].join(', ');
      return `${j.label}: valid ${outcome.schema} apart from members judged by their own checks (${others})`;
    }
    const lines = formatReadableErrors(own);
    const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
    return j.fail('schema-mismatch', `expected a valid ${outcome.schema}, got ${lines[0] ?? 'an invalid document'}${more}`, outcome.schema, lines);
  },
};

export const hubCheck: CaseCheck = {
  id: 'webhook.response.hub',
  level: 'MUST',
  per: 'case',
  title: 'Hub is one of linkedHubs',
  requirement: "iotHubHostName is present and is one of the request's linkedHubs (DNS names compare without case)",
  judge(j, planned) {
    const body = j.responseObject();
    const hubs = linkedHubsOf(planned.request.body);
    const hub = body['iotHubHostName'];
    const expected = `one of ${hubs.join(', ')}`;
    if (typeof hub !== 'string' || hub === '') {
      return j.fail('missing-field', `expected iotHubHostName ${expected}, got ${describeJson(hub)}`, hubs, hub ?? null);
    }
    if (isLinkedHub(hub, hubs)) return `${j.label}: ${hub}`;
    return j.fail('hub-not-linked', `expected iotHubHostName ${expected}, got "${hub}", which is not linked`, hubs, hub);
  },
};

export const initialTwinCheck: CaseCheck = {
  id: 'webhook.response.initialTwin',
  level: 'MUST',
  per: 'case',
  title: 'initialTwin shape',
  requirement: 'initialTwin, when present and not null, is {tags?: object, properties?: {desired?: object}} and nothing else',
  judge(j) {
    const twin = j.responseObject()['initialTwin'];
    if (twin === undefined || twin === null) return `${j.label}: no initialTwin (optional)`;
    const problems = initialTwinProblems(twin);
    if (problems.length === 0) return `${j.label}: initialTwin has the documented shape`;
    return j.fail('initial-twin-shape', `expected initialTwin to be ${INITIAL_TWIN_SHAPE}, got ${problems.join('; ')}`, INITIAL_TWIN_SHAPE, twin);
  },
};

export const returnDataTypeCheck: CaseCheck = {
  id: 'webhook.returnData.type',
  level: 'MUST',
  per: 'case',
  title: "Returned data of the dialect's type",
  requirement: 'ga: payload, when present and not null, is a JSON object; preview: returnData, when present and not null, is a string',
  judge(j, planned) {
    const { member, wanted } = returnedDataMember(planned.dialect);
    const value = j.responseObject()[member];
    if (value === undefined || value === null) return `${j.label}: no ${member} (optional)`;
    if (returnedDataProblem(planned.dialect, value) === undefined) return `${j.label}: ${member} is ${wanted}`;
    return j.fail('wrong-type', `expected ${member} to be ${wanted} (${planned.dialect}), got ${describeJson(value)}`, wanted, value);
  },
};

export const CONTENT_CHECKS: readonly CaseCheck[] = [schemaCheck, hubCheck, initialTwinCheck, returnDataTypeCheck];
