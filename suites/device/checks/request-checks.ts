import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import { DEVICE_CHECKS } from '../device-checks.js';
import { isObject } from '../evidence/json-values.js';
import type { RegistrationEvidence } from '../evidence/registration-evidence.js';
import { describeRefusal, ownRefusal, type OwnedRefusal } from '../refusal-owner.js';
import { amqpIdentity, amqpWire, isAmqpTransport } from './amqp-checks.js';
import { mqttWire } from './mqtt-checks.js';

/** What the refused request looked like, for `actual`: its wire record and the body DPS got. */
function refusedRequest(refusal: OwnedRefusal): unknown {
  const { entry } = refusal;
  const body = 'body' in entry ? entry.body : undefined;
  return { wire: entry.wire, ...(body?.kind === 'json' ? { body: body.value } : body?.kind === 'not-json' || body?.kind === 'empty' ? { body: body.text } : {}) };
}

/** `device.request.path`: every request is a DPS operation (method and path, or topic) with a non-empty api-version. */
export function checkRequestPath(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const { run } = e;
  const bad = ownRefusal(e, DEVICE_CHECKS.requestPath.id);
  if (bad) v.fail(`expected every request to be a DPS register or poll operation, ${describeRefusal(bad)}`, { mismatch: 'request-mismatch', actual: refusedRequest(bad) });
  const ops = e.operations;
  if (ops.length === 0) v.fail('expected a register request, the emulator received none', { mismatch: 'missing-request' });
  const scope = run.command.idScope;
  const id = run.registrationId.toLowerCase();
  if (run.transport === 'https') {
    for (const entry of ops) {
      const wire = entry.wire;
      if (wire.protocol !== 'https') continue;
      const segments = wire.path.split('/').map((s) => decodeSegment(s));
      const isRegister = entry.kind !== 'poll';
      const expected = isRegister ? `PUT /${scope}/registrations/{id}/register` : `GET /${scope}/registrations/{id}/operations/{operationId}`;
      const shapeOk =
        segments[1] === scope &&
        segments[2] === 'registrations' &&
        segments[3]?.toLowerCase() === id &&
        (isRegister ? wire.method === 'PUT' && segments[4] === 'register' && segments.length === 5 : wire.method === 'GET' && segments[4] === 'operations' && segments.length === 6);
      if (!shapeOk) v.fail(`expected ${expected}, got ${wire.method} ${wire.path}`, { mismatch: 'request-mismatch', expected, actual: `${wire.method} ${wire.path}` });
      if (!wire.query['api-version']) v.fail(`expected an api-version query parameter on ${wire.method} ${wire.path}, got none`, { mismatch: 'missing-field' });
    }
    return `${ops.length} request(s), each a DPS operation with an api-version`;
  }
  if (isAmqpTransport(run.transport)) {
    // AMQP carries the api-version as a property of the link each request comes on
    const missing = ops.find((entry) => !amqpWire(entry)?.apiVersion);
    if (missing) v.fail(`expected com.microsoft:api-version on the link of every request, got none on ${amqpWire(missing)?.operationType ?? 'a request'}`, { mismatch: 'missing-field', actual: missing.wire });
    return `${ops.length} message(s) with DPS operation types; api-version ${amqpWire(ops[0])?.apiVersion ?? ''} on the links`;
  }
  const username = mqttWire(e.connect)?.username;
  const apiVersion = /(?:^|\/)api-version=([^&]*)/.exec(username ?? '')?.[1];
  if (!apiVersion) v.fail(`expected api-version=... in the MQTT user name, got ${brief(username ?? null)}`, { mismatch: 'missing-field', actual: username });
  return `${ops.length} publish(es) to DPS operation topics; api-version ${apiVersion} in the user name`;
}

/** A path segment decoded; one that is not valid percent-encoding stays as sent (it then fails the comparison). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `device.request.registrationId`: the ID is the one given; a body ID equals the path (HTTPS) or client ID (MQTT). */
export function checkRequestRegistrationId(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const { run } = e;
  const bad = ownRefusal(e, DEVICE_CHECKS.requestRegistrationId.id);
  if (bad) v.fail(`expected the registration ID ${run.registrationId} everywhere, ${describeRefusal(bad)}`, { mismatch: 'wrong-registration-id', actual: refusedRequest(bad) });
  const id = run.registrationId;
  if (isAmqpTransport(run.transport)) {
    const identity = amqpIdentity(e.connect);
    const named = /\/registrations\/([^/]+)$/.exec(identity ?? '')?.[1];
    if (named?.toLowerCase() !== id.toLowerCase()) v.fail(`expected the SASL user name (or, X.509, the link address) naming ${id}, got ${brief(identity ?? null)}`, { mismatch: 'wrong-registration-id', expected: id, actual: identity });
  } else if (run.transport !== 'https') {
    const clientId = mqttWire(e.connect)?.clientId;
    if (clientId !== id) v.fail(`expected MQTT client ID ${id}, got ${brief(clientId ?? null)}`, { mismatch: 'wrong-registration-id', expected: id, actual: clientId });
  }
  let bodies = 0;
  for (const entry of e.registers) {
    if (entry.body.kind !== 'json') continue;
    const value = entry.body.value;
    if (!isObject(value) || !('registrationId' in value)) continue;
    bodies += 1;
    const bodyId = value['registrationId'];
    if (typeof bodyId !== 'string' || bodyId.toLowerCase() !== id.toLowerCase()) {
      v.fail(`expected body registrationId ${id}, got ${brief(bodyId)}`, { mismatch: 'wrong-registration-id', expected: id, actual: bodyId });
    }
  }
  return bodies > 0 ? `registration ID ${id} in the request and in ${bodies} body(ies)` : `registration ID ${id} in the request (the body leaves it out, which DPS tolerates)`;
}

/** `device.request.sas`: every request (or the MQTT connection) authenticated with a valid SAS. */
export function checkRequestSas(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const authenticated = e.device.filter((entry) => entry.notes.auth !== undefined);
  if (authenticated.length === 0) v.fail('expected requests carrying a SAS token, the emulator saw none it could check', { mismatch: 'missing-request' });
  const refused = authenticated.find((entry) => entry.notes.auth?.ok === false);
  if (refused) v.fail(`expected a valid SAS token, the emulator refused it: ${refused.notes.auth?.reason ?? 'invalid'}`, { mismatch: 'invalid-sas', actual: refused.notes.auth });
  return `${authenticated.length} request(s) with a valid SAS token`;
}

/** The mismatch name of a body refusal, by what DPS found wrong. */
function bodyMismatch(refusal: OwnedRefusal): string {
  const reason = refusal.entry.refusal?.reason;
  if (reason === 'malformed-json') return 'not-json';
  if (reason === 'body-too-large' || reason === 'packet-too-large') return 'too-large';
  if (reason === 'unsupported-media-type') return 'not-json-media-type';
  return /member '/.test(refusal.entry.refusal?.detail ?? '') ? 'unknown-member' : 'invalid-body';
}

/**
 * `device.request.body`: every register body is one DPS takes (docs/protocol/https.md): JSON (or empty,
 * which DPS tolerates from old MQTT clients), an object, only the members DeviceRegistration knows
 * (DPS deserialises strictly: 400012), a payload it reads, within the 96 KB message limit. It owns every
 * refusal of a register body, and names why.
 */
export function checkRequestBody(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const bad = ownRefusal(e, DEVICE_CHECKS.requestBody.id);
  if (bad) v.fail(`expected a register body DPS takes, ${describeRefusal(bad)}`, { mismatch: bodyMismatch(bad), actual: refusedRequest(bad) });
  const read = e.registers.length;
  return `${read} register body(ies) DPS takes`;
}
