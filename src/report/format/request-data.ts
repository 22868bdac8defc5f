import { parseJson } from '../../json/parse-json.js';
import { clipLine } from './clip-line.js';
import { safeStringify } from './json-safe.js';

/**
 * The data a result's failure was caused by, read out of its evidence for a report reader: for a
 * webhook result the device's registration ID, enrollment, attestation and device data of the
 * allocation request sent; for a device result the same from the adapter's `register` command.
 * Undefined when the evidence holds no request. Pure, and generic over evidence shapes it does not know.
 */
import { COPY_DEPTH_LIMIT, isTooDeep } from '../../json/json-depth.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parsed(value: unknown): unknown {
  // a text too deep to walk (a device or webhook chose its depth) stays text
  if (typeof value !== 'string' || isTooDeep(value, COPY_DEPTH_LIMIT)) return value;
  try {
    return parseJson(value);
  } catch {
    return value;
  }
}

function allocationSummary(body: Json): Json | undefined {
  const context = body['deviceRuntimeContext'];
  if (!isObject(context)) return undefined;
  const enrollment = isObject(body['enrollmentGroup'])
    ? 'group'
    : isObject(body['individualEnrollment'])
      ? 'individual'
      : undefined;
  const attestation = ['symmetricKey', 'x509', 'tpm'].find((k) => k in context);
  const out: Json = { registrationId: context['registrationId'] };
  if (enrollment) out['enrollment'] = enrollment;
  if (attestation) out['attestation'] = attestation;
  if ('currentIotHubHostName' in context) out['currentIotHubHostName'] = context['currentIotHubHostName'];
  for (const member of ['payload', 'data']) if (member in context) out[member] = context[member];
  if (!('payload' in context) && !('data' in context)) out['deviceData'] = '(none sent)';
  return out;
}

function registerSummary(command: Json): Json | undefined {
  // the device suite keeps the register command without its `cmd` (the adapter request it sent)
  const register = command['cmd'] === 'register' || (command['cmd'] === undefined && 'registrationId' in command && 'transport' in command && 'dialect' in command);
  if (!register) return undefined;
  const out: Json = {};
  for (const key of ['registrationId', 'dialect', 'transport', 'data']) if (key in command) out[key] = command[key];
  return out;
}

/** The request a result's evidence holds, summarised to what was sent; undefined when there is none. */
export function requestDataOf(evidence: unknown): unknown {
  if (!isObject(evidence)) return undefined;
  const adapter = evidence['adapter'];
  const raw = evidence['request'] ?? (isObject(adapter) ? adapter['request'] : undefined);
  if (raw === undefined) return undefined;
  const request = isObject(raw) && 'body' in raw ? parsed(raw['body']) : parsed(raw);
  if (!isObject(request)) return request;
  return allocationSummary(request) ?? registerSummary(request) ?? request;
}

/** How much of the device data a cause's case list shows; the whole request is in the evidence. */
const MAX_DATA_CHARS = 80;

/**
 * The device data a result's request carried, as one clipped line of JSON (`{"deviceType":"thermostat"}`),
 * `(none)` when the request carried none; undefined when the evidence holds no request. What a cause's
 * list of cases shows, so a reader sees which data shapes the defect depends on.
 */
export function dataSentOf(evidence: unknown): string | undefined {
  const sent = requestDataOf(evidence);
  if (!isObject(sent)) return undefined;
  let text: string;
  if ('data' in sent) text = oneLine(sent['data']);
  else if ('payload' in sent) text = oneLine(sent['payload']);
  else if ('deviceData' in sent || 'registrationId' in sent) text = '(none)';
  else return undefined;
  return clipLine(text, MAX_DATA_CHARS);
}

function oneLine(value: unknown): string {
  if (value === undefined) return '(none)';
  return safeStringify(value);
}
