import { parse, stringify } from 'lossless-json';
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

/** A member named twice keeps its last value, as JSON.parse does. */
function lastWins({ newValue }: { newValue: unknown }): unknown {
  return newValue;
}

/**
 * Answers one allocation request (the body text) as a correct custom allocation webhook: the hub from
 * `chooseHub`, an initial twin, and the device data echoed back so that a device can compare what it
 * sent with what it got. The request is read with the `lossless-json` package, whose numbers keep the
 * text they were written with, so an integer beyond 2^53 or an exponent form is echoed exactly as the
 * device wrote it. ga: `payload` = the device's payload object (left out when the device sent none);
 * preview: `returnData` = the device data as JSON text (left out when none).
 */
export function allocate(requestText: string, dialectQuery: string | null = null): WebhookAnswer {
  let request: unknown;
  try {
    request = parse(requestText, null, { onDuplicateKey: lastWins });
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
  const answer: Record<string, unknown> = {
    iotHubHostName: hub,
    initialTwin: { tags: { allocatedBy: 'dps-conformance-reference-webhook', dialect }, properties: { desired: { assignedHub: hub } } },
  };
  if (dialect === 'preview') {
    if (Object.hasOwn(context, 'data')) answer['returnData'] = stringify(context['data']);
  }
  // ga data must be an object; anything else is not echoed (DPS would not deliver it, azure-docs#51275)
  else if (isObject(context['payload'])) answer['payload'] = context['payload'];
  return { status: 200, contentType: 'application/json; charset=utf-8', text: stringify(answer) ?? '{}' };
}
