import { isLinkedHub } from '../../../src/dps/same-host-name.js';
import { getSchemaRegistry } from '../../../src/schemas/schema-registry.js';
import { formatReadableErrors } from '../../../src/schemas/readable-errors.js';
import { describeJson } from '../answer-body.js';
import type { CaseCheck } from '../check-definition.js';

/** The answer as an AllocationResponse: schema, hub, initial twin, returned data. */

function linkedHubsOf(body: Record<string, unknown>): string[] {
  const hubs = body['linkedHubs'];
  return Array.isArray(hubs) ? hubs.filter((h): h is string => typeof h === 'string') : [];
}

export const schemaCheck: CaseCheck = {
  id: 'webhook.response.schema',
  level: 'MUST',
  per: 'case',
  title: 'Allocation response schema',
  requirement: "the JSON body validates against the dialect's allocation-response schema (schemas/<dialect>/allocation-response.schema.json)",
  judge(j, planned) {
    const value = j.jsonBody();
    const outcome = getSchemaRegistry().validate('allocation-response', planned.dialect, value);
    if (outcome.valid) return `${j.label}: valid ${outcome.schema}`;
    const lines = formatReadableErrors(outcome.errors);
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
  judge(j, planned) {
    const body = j.responseObject();
    const twin = body['initialTwin'];
    if (twin === undefined || twin === null) return `${j.label}: no initialTwin (optional)`;
    // the response schema's verdict on this member alone
    const outcome = getSchemaRegistry().validate('allocation-response', planned.dialect, { iotHubHostName: 'hub.example', initialTwin: twin });
    const lines = formatReadableErrors(outcome.errors.filter((e) => e.path.startsWith('/initialTwin')));
    if (outcome.valid || lines.length === 0) return `${j.label}: initialTwin has the documented shape`;
    return j.fail('schema-mismatch', `expected initialTwin {tags?, properties?: {desired?}}, got ${lines.join('; ')}`, '{tags?: object, properties?: {desired?: object}}', twin);
  },
};

export const returnDataTypeCheck: CaseCheck = {
  id: 'webhook.returnData.type',
  level: 'MUST',
  per: 'case',
  title: "Returned data of the dialect's type",
  requirement: 'ga: payload, when present and not null, is a JSON object; preview: returnData, when present and not null, is a string',
  judge(j, planned) {
    const body = j.responseObject();
    const member = planned.dialect === 'ga' ? 'payload' : 'returnData';
    const wanted = planned.dialect === 'ga' ? 'a JSON object' : 'a string';
    const value = body[member];
    if (value === undefined || value === null) return `${j.label}: no ${member} (optional)`;
    const ok = planned.dialect === 'ga' ? typeof value === 'object' && !Array.isArray(value) : typeof value === 'string';
    if (ok) return `${j.label}: ${member} is ${wanted}`;
    return j.fail('wrong-type', `expected ${member} to be ${wanted} (${planned.dialect}), got ${describeJson(value)}`, wanted, value);
  },
};

export const CONTENT_CHECKS: readonly CaseCheck[] = [schemaCheck, hubCheck, initialTwinCheck, returnDataTypeCheck];
