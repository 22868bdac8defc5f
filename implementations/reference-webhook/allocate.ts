import { minifyJson, rawJsonMember } from './raw-json.js';
import { chooseHub } from './choose-hub.js';
import { detectDialect } from './detect-dialect.js';

/** An HTTP answer as status and body text. */
export interface WebhookAnswer {
  status: number;
  contentType: string;
  text: string;
}

function reject(status: number, text: string): WebhookAnswer {
  return { status, contentType: 'text/plain; charset=utf-8', text };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Answers one allocation request (the body text) as a correct custom allocation webhook: the hub from
 * `chooseHub`, an initial twin, and the device data echoed back so that a device can compare what it
 * sent with what it got. The echo is sliced from the request text, never parsed and re-serialised, so
 * numbers beyond 2^53 keep every digit. ga: `payload` = the device's payload object (left out when the
 * device sent none); preview: `returnData` = the device data as JSON text (left out when none).
 */
export function allocate(requestText: string, dialectQuery: string | null = null): WebhookAnswer {
  let request: unknown;
  try {
    request = JSON.parse(requestText);
  } catch {
    return reject(400, 'the request body is not JSON');
  }
  if (!isObject(request) || !isObject(request['deviceRuntimeContext'])) return reject(400, 'not an allocation request: deviceRuntimeContext is missing');
  const context = request['deviceRuntimeContext'];
  const registrationId = context['registrationId'];
  const linkedHubs = request['linkedHubs'];
  if (typeof registrationId !== 'string' || registrationId === '') return reject(400, 'not an allocation request: deviceRuntimeContext.registrationId is missing');
  if (!Array.isArray(linkedHubs) || linkedHubs.length === 0 || !linkedHubs.every((h) => typeof h === 'string' && h !== '')) {
    return reject(400, 'not an allocation request: linkedHubs must be a non-empty list of host names');
  }
  const dialect = detectDialect(context, dialectQuery);
  const hub = chooseHub(registrationId, linkedHubs as string[]);
  const initialTwin = { tags: { allocatedBy: 'dps-conformance-reference-webhook', dialect }, properties: { desired: { assignedHub: hub } } };
  const members = [`"iotHubHostName":${JSON.stringify(hub)}`, `"initialTwin":${JSON.stringify(initialTwin)}`];
  const dataMember = dialect === 'ga' ? 'payload' : 'data';
  const raw = rawJsonMember(requestText, ['deviceRuntimeContext', dataMember]);
  if (raw !== undefined) {
    if (dialect === 'preview') members.push(`"returnData":${JSON.stringify(minifyJson(raw))}`);
    // ga data must be an object; anything else is not echoed (DPS would not deliver it, azure-docs#51275)
    else if (isObject(context['payload'])) members.push(`"payload":${minifyJson(raw)}`);
  }
  return { status: 200, contentType: 'application/json; charset=utf-8', text: `{${members.join(',')}}` };
}
