import type { Dialect } from '../../results/check-result.js';

/** Which front end carried a request. */
export type FrontEnd = 'https' | 'mqtt' | 'mqtt-ws' | 'amqp' | 'amqp-ws';

/** How the request looked on the wire; kept in the transcript as evidence. */
export type WireRequest =
  | { method: string; path: string; headers: Record<string, string | string[] | undefined> }
  | {
      packet: 'connect' | 'subscribe' | 'publish' | 'upgrade';
      topic?: string;
      qos?: number;
      clientId?: string;
      username?: string;
      /** CONNECT: the CleanSession flag as the device sent it, and the protocol level (3 = MQTT 3.1, 4 = 3.1.1) */
      cleanSession?: boolean;
      protocolLevel?: number;
    }
  | AmqpWire;

/** An AMQP exchange as evidence (see docs/protocol/amqp.md): the SASL init, a link attach, or a message. */
export interface AmqpWire {
  amqp: 'sasl-init' | 'attach' | 'transfer' | 'frame';
  mechanism?: string;
  username?: string;
  /** link target (device's sender) or source (device's receiver) address */
  address?: string;
  /** `iotdps-operation-type` of a message */
  operationType?: string;
  /** `iotdps-operation-id` of a message */
  operationId?: string;
  correlationId?: string;
  /** `com.microsoft:api-version` of the link the message came on */
  apiVersion?: string;
  /** `com.microsoft:client-version` of that link */
  clientVersion?: string;
}

interface RequestCommon {
  frontEnd: FrontEnd;
  /** the MQTT or AMQP connection that carries it (DeviceConnections ids); HTTPS requests name none */
  connection?: string;
  wire: WireRequest;
  /** Date.now() when the front end had the whole request */
  receivedAt: number;
  apiVersion?: string;
  /** the SAS token: HTTPS Authorization header, MQTT password or AMQP SASL PLAIN password */
  authorization?: string;
  /** the TLS client certificate chain the device presented (base64 DER, leaf first; X.509 attestation) */
  clientCertificate?: readonly string[];
}

/** PUT .../register or MQTT `$dps/registrations/PUT/iotdps-register/`. */
export interface RegisterRequest extends RequestCommon {
  kind: 'register';
  idScope: string;
  registrationId: string;
  /** the body as text (size already checked); MQTT may send '' or ' ' */
  bodyText: string;
  /** set when the body's bytes are not UTF-8 (bodyText then holds U+FFFD for them): where, and why it matters */
  notUtf8?: string;
}

/** GET .../operations/{operationId} or MQTT `$dps/registrations/GET/iotdps-get-operationstatus/`. */
export interface PollRequest extends RequestCommon {
  kind: 'poll';
  idScope: string;
  registrationId: string;
  operationId: string;
  /** a body, when the device sent one (some SDKs repeat the register body on MQTT polls); only recorded */
  bodyText?: string;
}

/** POST /{idScope}/registrations/{registrationId}: bare DeviceRegistrationResult. */
export interface StatusLookupRequest extends RequestCommon {
  kind: 'status-lookup';
  idScope: string;
  registrationId: string;
  bodyText: string;
}

/** MQTT CONNECT: authenticates the connection as one registration. */
export interface ConnectRequest extends RequestCommon {
  kind: 'connect';
  idScope: string;
  registrationId: string;
  clientId: string;
}

/** MQTT SUBSCRIBE, one topic filter of the packet: the core grants the response subscription. */
export interface SubscribeRequest extends RequestCommon {
  kind: 'subscribe';
  /** the connection's registration, when its CONNECT named one */
  registrationId?: string;
  topic: string;
  /** the QoS the device asked for */
  qos: number;
}

/** Everything the front end could not map to an operation; decided by the unexpected policy. */
export interface UnexpectedRequest extends RequestCommon {
  kind: 'unexpected';
  reason: UnexpectedReason;
  detail: string;
  registrationId?: string;
  bodyText?: string;
}

export type CoreRequest = RegisterRequest | PollRequest | StatusLookupRequest | ConnectRequest | SubscribeRequest | UnexpectedRequest;

/** The kinds of request no case planned for (an explicit policy, as msw's `onUnhandledRequest`); one policy decides each. */
export type UnexpectedReason =
  | 'unknown-route'
  | 'method-not-allowed'
  | 'missing-api-version'
  | 'unsupported-media-type'
  | 'body-too-large'
  | 'malformed-json'
  | 'invalid-body'
  | 'registration-id-mismatch'
  | 'unknown-id-scope'
  | 'invalid-registration-id'
  | 'unknown-operation'
  | 'unknown-registration'
  | 'unknown-topic'
  | 'unsupported-qos'
  | 'malformed-username'
  | 'client-id-mismatch'
  | 'packet-too-large'
  | 'unsupported-protocol-version'
  | 'malformed-http'
  | 'unknown-link-address'
  | 'unknown-operation-type'
  | 'unsupported-sasl-mechanism'
  | 'malformed-amqp'
  | 'malformed-websocket';

/** How the answer is written: planned slowness and fragmentation (set by `plan()`). */
export interface Delivery {
  slowMs?: number;
  fragment?: { chunkBytes: number; pauseMs: number };
}

/**
 * What the core decided; the front end turns it back into bytes. `bodyText` is the body as the core
 * serialised it (set by the core for every answer with a body): front ends write exactly that.
 * `grant` answers a SUBSCRIBE with the granted QoS.
 */
export type CoreReply =
  | { kind: 'answer'; status: number; body: unknown; bodyText?: string; retryAfterSeconds?: number; delivery: Delivery }
  | { kind: 'grant'; qos: 0 | 1; delivery: Delivery }
  | { kind: 'disconnect'; reason: string; delivery: Delivery };

/** What the core records about a request beyond wire and reply. */
export interface ExchangeNotes {
  dialect?: { served: Dialect; declared?: Dialect | 'none' | 'both' };
  /** `skipped` says why a body was not validated (then `valid` is true and means nothing) */
  validation?: { schema: string; dialect: Dialect; valid: boolean; errors: readonly { path: string; message: string }[]; skipped?: string }[];
  unexpected?: { reason: UnexpectedReason; detail: string; decision: string };
  auth?: { ok: boolean; reason?: string };
  notes?: string[];
}
