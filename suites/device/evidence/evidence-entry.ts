import type { JsonValue } from '../../../src/json/json-value.js';
import type { AmqpWire, ConnectionEnd, ExchangeNotes, FrontEnd, UnexpectedReason } from '../../../src/emulator/index.js';

/**
 * A body as the evidence holds it, parsed once. `json` keeps every digit (`exact`) when the transcript
 * kept the text; a transcript that kept only a parse (an older record) gives `exact: false`.
 */
export type Body =
  | { kind: 'none' }
  | { kind: 'empty'; text: string }
  | { kind: 'json'; value: JsonValue; exact: boolean; text?: string }
  | { kind: 'not-json'; text: string; error: string };

/** How a request looked on the wire, by protocol (the transcript's WireRequest, narrowed once). */
export type WireView =
  /** `query`: each parameter's first value (`api-version`, ...) */
  | { protocol: 'https'; method: string; path: string; query: Readonly<Record<string, string>>; headers: Record<string, string | string[] | undefined> }
  | {
      protocol: 'mqtt';
      packet: 'connect' | 'subscribe' | 'publish' | 'upgrade';
      topic?: string;
      qos?: number;
      clientId?: string;
      username?: string;
      cleanSession?: boolean;
      protocolLevel?: number;
    }
  | ({ protocol: 'amqp' } & AmqpWire)
  | { protocol: 'none' };

/** The emulator's answer to one device request. */
export interface Answer {
  /** HTTPS status, MQTT `res/<status>`, or the DPS status an AMQP answer carries; absent for a grant or a disconnect */
  status?: number;
  body: Body;
  retryAfterSeconds?: number;
  /** the emulator ended the connection instead of answering (why) */
  disconnect?: string;
  /** a SUBSCRIBE's SUBACK: 0 or 1, 128 when refused */
  grantedQos?: number;
  /** when the answer left, as near as the transcript tells (ms since the epoch): the request time plus the time the core took */
  at: number;
}

interface EntryBase {
  seq: number;
  /** when the request was complete (ms since the epoch) */
  at: number;
  frontEnd: FrontEnd | 'webhook';
  /** the MQTT or AMQP connection that carried it (HTTPS requests name none) */
  connection?: string;
  durationMs?: number;
  /** what the core noted (dialect, validation, auth, the unexpected-policy decision, free notes); empty when none */
  notes: ExchangeNotes;
}

/** How the emulator's unexpected-request policy refused a request, as DPS would (a DPS error, or the connection ended). */
export interface Refusal {
  reason: UnexpectedReason;
  detail: string;
  /** `answer 400 400012`, or `disconnect` */
  decision: string;
}

interface DeviceRequestBase extends EntryBase {
  frontEnd: FrontEnd;
  wire: WireView;
  answer: Answer;
  /**
   * set when the request was refused by the unexpected-request policy: a register whose body DPS would
   * not take keeps its kind (`register`) and carries the refusal here; a request the front end could not
   * map at all is an `unexpected` entry (which always carries one)
   */
  refusal?: Refusal;
}

/** A register request the core took as one (it may still have been answered with an error: a bad SAS, a 429, a 500). */
export interface RegisterEntry extends DeviceRequestBase {
  kind: 'register';
  body: Body;
}

/** An operation-status poll. */
export interface PollEntry extends DeviceRequestBase {
  kind: 'poll';
  /** a body, when the device sent one (some SDKs repeat the register body on MQTT polls) */
  body: Body;
}

/** POST /{idScope}/registrations/{id}: a status lookup. */
export interface StatusLookupEntry extends DeviceRequestBase {
  kind: 'status-lookup';
  body: Body;
}

/** MQTT CONNECT, AMQP SASL init or the first link of an X.509 connection. */
export interface ConnectEntry extends DeviceRequestBase {
  kind: 'connect';
}

/** One topic filter of an MQTT SUBSCRIBE. */
export interface SubscribeEntry extends DeviceRequestBase {
  kind: 'subscribe';
}

/** Which DPS operation a request the core could not map looks like it tried. */
export type AttemptedOperation = 'register' | 'poll' | 'other';

/** A request the core could not map to an operation, decided by the unexpected-request policy (a DPS error or a disconnect). */
export interface UnexpectedEntry extends DeviceRequestBase, Refusal {
  kind: 'unexpected';
  refusal: Refusal;
  attempted: AttemptedOperation;
  body: Body;
}

/** The device's MQTT PUBACK of one of the emulator's QoS 1 answers. */
export interface AcknowledgedEntry extends EntryBase {
  kind: 'acknowledged';
  frontEnd: FrontEnd;
  topic?: string;
}

/** A packet the emulator sent or restored for the device from a kept MQTT session (`--persistent-sessions`). */
export interface SentForDeviceEntry extends EntryBase {
  kind: 'replay' | 'restored-subscription';
  frontEnd: FrontEnd;
  topic?: string;
  body: Body;
}

/** The end of a device's MQTT or AMQP connection that the emulator had accepted. */
export interface ClosedEntry extends EntryBase {
  kind: 'closed';
  frontEnd: FrontEnd;
  /** the device's clean close, a connection that just ended, the emulator's doing, or still open when the emulator stopped */
  how: ConnectionEnd;
}

/** What one call of the emulator to the allocation webhook came to. */
export type WebhookCallOutcome =
  | { kind: 'answered'; status: number; body: Body; truncated: boolean }
  | { kind: 'not-answered'; failure: string; message: string };

/** One call of the emulator to the allocation webhook (a retried >= 429 is one entry per attempt). */
export interface WebhookCallEntry extends EntryBase {
  kind: 'webhook-call';
  frontEnd: 'webhook';
  url?: string;
  attempt?: number;
  /** the AllocationRequest exactly as sent */
  sent: Body;
  outcome: WebhookCallOutcome;
}

/** How an allocation ended, as the emulator's allocator reported it. */
export interface AllocationEntry extends EntryBase {
  kind: 'allocation';
  frontEnd: 'webhook';
  /** the allocator's outcome (`assigned` with a hub, `failed` with errorCode and errorMessage, ...) */
  outcome: Body;
  /** set when the allocator itself threw: a fault of the harness, not of the device */
  harnessFault?: string;
}

/** A record of a kind this view does not know (a newer emulator); kept so nothing is lost. */
export interface OtherEntry extends EntryBase {
  kind: 'other';
  recordedKind: string;
}

/** The device's own requests (and what the emulator did on a connection for it). */
export type DeviceEntry =
  | RegisterEntry
  | PollEntry
  | StatusLookupEntry
  | ConnectEntry
  | SubscribeEntry
  | UnexpectedEntry
  | AcknowledgedEntry
  | SentForDeviceEntry
  | ClosedEntry;

/** Every entry of a registration's evidence, a tagged union by `kind`. */
export type EvidenceEntry = DeviceEntry | WebhookCallEntry | AllocationEntry | OtherEntry;

/** The requests a device makes to register: register and poll, and register attempts the core refused. */
export type OperationEntry = RegisterEntry | PollEntry | UnexpectedEntry;
