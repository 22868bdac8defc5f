import { NOT_UTF8, type UnexpectedReason } from '../../src/emulator/index.js';
import type { DeviceTransport } from '../../src/adapters/protocol-types.js';
import { DEVICE_CHECKS, type DeviceCheckDef } from './device-checks.js';
import type { ConnectEntry, DeviceEntry, OperationEntry, SubscribeEntry } from './evidence/evidence-entry.js';
import type { RegistrationEvidence } from './evidence/registration-evidence.js';

/** A request the device made that DPS refused (the emulator answers as DPS would), and the one check that owns it. */
export interface OwnedRefusal {
  entry: OperationEntry | ConnectEntry | SubscribeEntry;
  owner: DeviceCheckDef;
  /** why DPS refused it, in words that name the defect: the unknown member, the missing api-version, ... */
  why: string;
  /** what the device was answered: `400 (400012)`, `401`, or `an end of the connection` */
  answered: string;
}

/**
 * The check that owns each reason the emulator refuses a request for (docs/contract/reports.md "Not
 * reached"): exactly one, so that one defect is one failed result. The more specific check wins where
 * two could claim it (an MQTT topic is device.mqtt.protocol's, not device.request.path's).
 */
function ownerOfReason(reason: UnexpectedReason, transport: DeviceTransport, entry: DeviceEntry): DeviceCheckDef {
  const mqtt = transport === 'mqtt' || transport === 'mqtt-ws';
  const amqp = transport === 'amqp' || transport === 'amqp-ws';
  switch (reason) {
    case 'registration-id-mismatch':
      // on AMQP the front end refuses a link on another registration's address: the link address is AMQP's
      return amqp && entry.kind === 'unexpected' ? DEVICE_CHECKS.amqpProtocol : DEVICE_CHECKS.requestRegistrationId;
    case 'malformed-json':
    case 'invalid-body':
    case 'body-too-large':
    case 'packet-too-large':
    case 'unsupported-media-type':
      return DEVICE_CHECKS.requestBody;
    case 'invalid-registration-id':
    case 'unknown-registration':
    case 'client-id-mismatch':
      return DEVICE_CHECKS.requestRegistrationId;
    case 'unknown-topic':
    case 'unsupported-qos':
    case 'unsupported-protocol-version':
      return mqtt ? DEVICE_CHECKS.mqttProtocol : DEVICE_CHECKS.requestPath;
    case 'malformed-username':
      return amqp ? DEVICE_CHECKS.amqpProtocol : mqtt ? DEVICE_CHECKS.mqttProtocol : DEVICE_CHECKS.requestPath;
    case 'unknown-link-address':
    case 'unknown-operation-type':
    case 'unsupported-sasl-mechanism':
    case 'malformed-amqp':
      return amqp ? DEVICE_CHECKS.amqpProtocol : DEVICE_CHECKS.requestPath;
    case 'malformed-websocket':
      // the WebSocket framing carries the transport's protocol: its check owns bytes that are not framing
      return amqp ? DEVICE_CHECKS.amqpProtocol : mqtt ? DEVICE_CHECKS.mqttProtocol : DEVICE_CHECKS.requestPath;
    case 'unknown-route':
    case 'method-not-allowed':
    case 'missing-api-version':
    case 'unknown-operation':
    case 'unknown-id-scope':
    case 'malformed-http':
      return DEVICE_CHECKS.requestPath;
  }
}

const UNKNOWN_MEMBER = /member '([^']*)'/;

/** Why DPS refused, naming the defect (the member it does not know, the body that is not JSON, ...). */
function describeReason(reason: UnexpectedReason, detail: string): string {
  switch (reason) {
    case 'invalid-body': {
      const member = UNKNOWN_MEMBER.exec(detail)?.[1];
      if (member !== undefined) return `the register body has a member DPS does not know, "${member}" (DeviceRegistration takes registrationId, payload, tpm, clientCertificateCsr)`;
      return `the register body is not a DeviceRegistration DPS takes: ${detail}`;
    }
    case 'malformed-json':
      return `the register body is not JSON (${detail})`;
    case 'body-too-large':
    case 'packet-too-large':
      return `the request is larger than DPS's 96 KB message limit (${detail})`;
    case 'unsupported-media-type':
      return `the body is not declared as JSON (${detail})`;
    case 'malformed-websocket':
      return `the device's bytes are not valid WebSocket framing, for which RFC 6455 section 5.2 has the server fail the connection (${detail})`;
    case 'missing-api-version':
      return `the request has no api-version (${detail})`;
    case 'unknown-route':
    case 'method-not-allowed':
      return `the request is not a DPS operation (${reason}: ${detail})`;
    default:
      return `${reason}: ${detail}`;
  }
}

/** Requests that DPS answered with a refusal: a 4xx other than 429 (a retry instruction), or the connection ended. */
function refusalOf(entry: DeviceEntry, transport: DeviceTransport): OwnedRefusal | undefined {
  if (entry.kind !== 'register' && entry.kind !== 'poll' && entry.kind !== 'unexpected' && entry.kind !== 'connect' && entry.kind !== 'subscribe') return undefined;
  const { answer } = entry;
  const answered = answer.disconnect !== undefined ? 'an end of the connection' : `${answer.status ?? '?'}${errorCode(entry)}`;
  if (entry.notes.auth?.ok === false) {
    return { entry, owner: DEVICE_CHECKS.requestSas, why: `DPS did not accept its credentials (${entry.notes.auth.reason ?? 'unauthorized'})`, answered };
  }
  const { refusal } = entry;
  // bytes that are not UTF-8 are a defect in the data the device sent, whatever DPS answers (docs/emulator-behaviour.md)
  if (refusal?.detail.startsWith(NOT_UTF8) === true) return { entry, owner: DEVICE_CHECKS.dataSent, why: refusal.detail, answered };
  if (refusal) return { entry, owner: ownerOfReason(refusal.reason, transport, entry), why: describeReason(refusal.reason, refusal.detail), answered };
  return undefined;
}

function errorCode(entry: OperationEntry | ConnectEntry | SubscribeEntry): string {
  const body = entry.answer.body;
  if (body.kind !== 'json' || body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) return '';
  const code = body.value['errorCode'];
  return typeof code === 'number' || typeof code === 'bigint' ? ` (${code})` : '';
}

/**
 * Every refusal of the registration's requests by DPS, in order, each with its owner. `expectedAuthFailure`
 * leaves out refused credentials where the case gives a wrong key on purpose (`device-wrong-key`).
 */
export function ownedRefusals(e: RegistrationEvidence, options: { expectedAuthFailure?: boolean } = {}): OwnedRefusal[] {
  const refusals: OwnedRefusal[] = [];
  for (const entry of e.device) {
    const refusal = refusalOf(entry, e.run.transport);
    if (!refusal) continue;
    if (options.expectedAuthFailure && refusal.owner === DEVICE_CHECKS.requestSas) continue;
    refusals.push(refusal);
  }
  return refusals;
}

/** `DPS refused the register request with 400 (400012): <why>` (or `... by ending the connection: <why>`), for messages. */
export function describeRefusal(refusal: OwnedRefusal): string {
  const { entry } = refusal;
  const attempted = entry.kind === 'unexpected' ? entry.attempted : entry.kind;
  const what = { connect: 'connection', subscribe: 'subscription', poll: 'status poll', register: 'register request', other: 'request' }[attempted];
  const how = entry.answer.disconnect !== undefined ? 'by ending the connection' : `with ${refusal.answered}`;
  return `DPS refused the ${what} ${how}: ${refusal.why}`;
}

/** The first refusal by DPS a check owns (every refusal has exactly one owner). */
export function ownRefusal(e: RegistrationEvidence, checkId: string): OwnedRefusal | undefined {
  return ownedRefusals(e).find((refusal) => refusal.owner.id === checkId);
}
