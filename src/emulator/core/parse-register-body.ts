import { rawJsonMember } from '../../json/raw-json-member.js';
import { isTooDeep, JSON_DEPTH_LIMIT, tooDeepMessage } from '../../json/json-depth.js';
import type { Dialect } from '../../results/check-result.js';
import type { UnexpectedReason } from './core-request.js';
import { DPS_PAYLOAD_POLICY, type PayloadPolicy } from './payload-policy.js';

/** The register body as the core understands it. */
export interface RegisterBody {
  value: Record<string, unknown>;
  /** which dialect's data member the body carries */
  declared: Dialect | 'none' | 'both';
  data?: unknown;
  /** the data member's raw JSON text (numbers keep every digit) */
  dataJson?: string;
  hasData: boolean;
  notes: string[];
}

export type ParsedRegisterBody = { ok: true; body: RegisterBody } | { ok: false; reason: UnexpectedReason; detail: string };

const MEMBERS: Record<Dialect, ReadonlySet<string>> = {
  ga: new Set(['registrationId', 'tpm', 'payload', 'clientCertificateCsr']),
  preview: new Set(['registrationId', 'tpm', 'data', 'interfaces']),
};

/**
 * Parses and checks a register body in the served dialect. Rejects only what DPS rejects: text that
 * is not JSON, a non-object, members DPS does not know (it deserialises strictly, azure-iot-sdk-c#2314),
 * a ga `payload` that is not an object or null (azure-docs#81864) unless it is a JSON string holding
 * an object (see PayloadPolicy), a registrationId that differs from the request's. An empty or
 * whitespace body is tolerated (old SDKs over MQTT send `' '`, docs/protocol/mqtt.md).
 */
export function parseRegisterBody(
  text: string,
  dialect: Dialect,
  registrationId: string,
  policy: PayloadPolicy = DPS_PAYLOAD_POLICY,
  maxJsonDepth = JSON_DEPTH_LIMIT,
): ParsedRegisterBody {
  const notes: string[] = [];
  let value: unknown;
  if (text.trim() === '') {
    notes.push('empty body tolerated; registrationId taken from the request');
    value = {};
  } else if (isTooDeep(text, maxJsonDepth)) {
    // read no deeper than the limit, as a .NET reader refuses it: the same answer as a body that is not JSON
    return { ok: false, reason: 'malformed-json', detail: tooDeepMessage(text, maxJsonDepth) };
  } else {
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: 'malformed-json', detail: (error as Error).message };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'invalid-body', detail: 'the body is not a JSON object' };
  }
  const body = value as Record<string, unknown>;
  const hasPayload = 'payload' in body;
  const hasDataMember = 'data' in body;
  const declared: RegisterBody['declared'] = hasPayload && hasDataMember ? 'both' : hasPayload ? 'ga' : hasDataMember ? 'preview' : 'none';
  const unknown = Object.keys(body).filter((k) => !MEMBERS[dialect].has(k));
  if (unknown.length > 0) {
    return { ok: false, reason: 'invalid-body', detail: `Could not find member '${unknown[0]}' on object of type 'DeviceRegistration' (dialect ${dialect}).` };
  }
  let stringPayload: StringPayload | undefined;
  if (dialect === 'ga' && hasPayload && body['payload'] !== null && (typeof body['payload'] !== 'object' || Array.isArray(body['payload']))) {
    const taken = typeof body['payload'] === 'string' ? takeStringPayload(body['payload'], policy, maxJsonDepth) : undefined;
    if (!taken?.ok) return { ok: false, reason: 'invalid-body', detail: taken?.detail ?? 'payload must be a JSON object.' };
    stringPayload = taken;
    notes.push(taken.note);
  }
  const bodyId = body['registrationId'];
  if (bodyId !== undefined && (typeof bodyId !== 'string' || bodyId.toLowerCase() !== registrationId.toLowerCase())) {
    return { ok: false, reason: 'registration-id-mismatch', detail: `body has ${JSON.stringify(bodyId)}, request has "${registrationId}".` };
  }
  const dataMember = dialect === 'ga' ? 'payload' : 'data';
  const data = body[dataMember];
  // ga `"payload": null` means no payload (the Python SDK always sends it, docs/protocol/sdks.md)
  const hasData = dataMember in body && !(dialect === 'ga' && data === null);
  if (!hasData) return { ok: true, body: { value: body, declared, hasData, notes } };
  if (stringPayload?.parsed) return { ok: true, body: { value: body, declared, ...stringPayload.parsed, hasData, notes } };
  const dataJson = rawJsonMember(text, [dataMember]);
  return {
    ok: true,
    body:
      dataJson === undefined
        ? { value: body, declared, data, hasData, notes }
        : { value: body, declared, data, dataJson, hasData, notes },
  };
}

/** A ga payload sent as a string, as the policy takes it: `data`/`dataJson` replace the string when the webhook gets the parse. */
type StringPayload = { ok: true; note: string; parsed?: { data: unknown; dataJson: string } };

function takeStringPayload(payload: string, policy: PayloadPolicy, maxJsonDepth: number): StringPayload | { ok: false; detail: string } {
  // the string's content is parsed as the body is: no deeper than the limit
  if (isTooDeep(payload, maxJsonDepth)) return { ok: false, detail: `payload is a JSON string holding ${tooDeepMessage(payload, maxJsonDepth)}` };
  let inner: unknown;
  try {
    inner = JSON.parse(payload);
  } catch {
    if (policy.notJson === 'accept') return { ok: true, note: 'payload is a string that is not JSON: accepted and passed on as the string (nonJsonStringPayload: accept)' };
    return { ok: false, detail: 'payload must be a JSON object; this string is not JSON (UNCONFIRMED what DPS answers, docs/emulator-behaviour.md).' };
  }
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
    return { ok: false, detail: 'payload must be a JSON object; this string holds JSON that is not an object.' };
  }
  if (policy.jsonString === 'refuse') return { ok: false, detail: 'payload must be a JSON object; it is a JSON string holding one (strictPayload: DPS accepts this, its documentation does not).' };
  const note = 'payload is a JSON string holding a JSON object: accepted as DPS does; the documented contract says object';
  // the string's content is the JSON text the device meant, every digit kept
  return policy.toWebhook === 'as-sent' ? { ok: true, note: `${note}; the webhook gets the string as sent (stringPayloadToWebhook: as-sent)` } : { ok: true, note, parsed: { data: inner, dataJson: payload } };
}
