import { ErrorCatalogue, type CatalogueEntry } from '../error-catalogue.js';
import type { UnexpectedReason, UnexpectedRequest } from './core-request.js';

/** What to do with a request no case planned for: answer with a DPS error, or drop the connection. */
export type UnexpectedDecision = { kind: 'answer'; entry: CatalogueEntry; detail?: string } | { kind: 'disconnect' };

/**
 * The one place that decides unplanned requests (an explicit policy, as msw's `onUnhandledRequest`). The default answers as DPS would;
 * `onUnexpected` may override any decision (e.g. a suite that wants to see how a device copes with a
 * dropped connection instead of a 404). Every decision is recorded in the transcript by the core.
 */
export type UnexpectedPolicy = (request: UnexpectedRequest, dpsDecision: UnexpectedDecision) => UnexpectedDecision;

type Disconnecting = 'unknown-topic' | 'unsupported-qos' | 'packet-too-large' | 'unsupported-protocol-version' | 'malformed-amqp' | 'malformed-websocket';

const DISCONNECTING: readonly UnexpectedReason[] = [
  'unknown-topic',
  'unsupported-qos',
  'packet-too-large',
  'unsupported-protocol-version',
  'malformed-amqp',
  'malformed-websocket',
];

function isDisconnecting(reason: UnexpectedReason): reason is Disconnecting {
  return DISCONNECTING.includes(reason);
}

const ANSWERS: Record<Exclude<UnexpectedReason, Disconnecting>, CatalogueEntry> = {
  'unknown-route': ErrorCatalogue.notFound,
  'method-not-allowed': ErrorCatalogue.methodNotAllowed,
  'missing-api-version': ErrorCatalogue.missingApiVersion,
  'unsupported-media-type': ErrorCatalogue.unsupportedMediaType,
  'body-too-large': ErrorCatalogue.bodyTooLarge,
  'malformed-json': ErrorCatalogue.malformedBody,
  'malformed-http': ErrorCatalogue.malformedRequest,
  'invalid-body': ErrorCatalogue.invalidBody,
  'registration-id-mismatch': ErrorCatalogue.registrationIdMismatch,
  'unknown-id-scope': ErrorCatalogue.unknownIdScope,
  'invalid-registration-id': ErrorCatalogue.invalidRegistrationId,
  'unknown-operation': ErrorCatalogue.unknownOperation,
  'unknown-registration': ErrorCatalogue.unknownRegistration,
  // MQTT CONNECT problems become CONNACK "not authorized" in the MQTT front end
  'malformed-username': ErrorCatalogue.unauthorized,
  'client-id-mismatch': ErrorCatalogue.unauthorized,
  // AMQP (docs/protocol/amqp.md): a link to another address is refused as not found, an unknown
  // operation type like an unknown route; a SASL mechanism other than PLAIN fails authentication
  'unknown-link-address': ErrorCatalogue.notFound,
  'unknown-operation-type': ErrorCatalogue.notFound,
  'unsupported-sasl-mechanism': ErrorCatalogue.unauthorized,
};

/**
 * What DPS does: answer with the catalogue's error; on MQTT, topics outside the documented set,
 * QoS 2 and oversized packets end the connection (the docs say only documented topics are accepted
 * and there is no topic to answer an unparsed packet on); so do bytes that are not AMQP on the AMQP port,
 * and bytes that are not WebSocket framing (RFC 6455 5.2 makes the server fail that connection).
 */
export function dpsDecision(request: UnexpectedRequest): UnexpectedDecision {
  const reason = request.reason;
  // an MQTT 3.1 CONNECT: DPS documents 3.1.1 only, so it is refused (CONNACK 1, see docs/emulator-behaviour.md)
  if (isDisconnecting(reason)) return { kind: 'disconnect' };
  return { kind: 'answer', entry: ANSWERS[reason], detail: request.detail };
}

/** Applies the override, if any, to DPS's decision. */
export function decideUnexpected(request: UnexpectedRequest, override?: UnexpectedPolicy): UnexpectedDecision {
  const decision = dpsDecision(request);
  return override ? override(request, decision) : decision;
}
