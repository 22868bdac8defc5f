import type { Dialect } from '../results/check-result.js';
import type { ConnectionTimeouts } from './connection-timeouts.js';
import type { AmqpErrorReply } from './amqp/amqp-connection.js';
import type { Allocator } from './allocation/allocator.js';
import type { DeviceCertificate } from './x509/device-ca.js';
import type { DeviceCertificateOptions } from './x509/x509-setup.js';
import type { InvalidUtf8Handling } from './core/decode-device-text.js';
import type { EnrollmentConfig } from './core/enrollments.js';
import type { PollRateLimit } from './core/poll-rate-limiter.js';
import type { RegistrationPlan } from './core/registration-plan.js';
import type { UnexpectedPolicy } from './core/unexpected-policy.js';
import type { MqttAuthFailure } from './mqtt/mqtt-front-end.js';
import type { Redactor } from './support/redactor.js';
import type { Observations } from './transcript/observations.js';
import type { TranscriptView } from './transcript/transcript.js';

/** Options of `startEmulator`; every member is optional. */
export interface EmulatorOptions {
  /** address to bind (default 127.0.0.1) */
  host?: string;
  /**
   * serve at the ports real DPS uses (443, 8883, 5671) on a loopback address of the emulator's own
   * (127.0.0.2 and up), for SDKs that take no port; overrides host and ports (see standard-ports.ts)
   */
  standardPorts?: boolean;
  /** HTTPS and MQTT-over-WebSocket port (default 0 = a free port) */
  httpsPort?: number;
  /** MQTT over TLS port (default 0 = a free port) */
  mqttPort?: number;
  /** AMQP over TLS port (default 0 = a free port); AMQP over WebSocket shares the HTTPS port */
  amqpPort?: number;
  /** default: a fresh `0ne` + 8 hex scope */
  idScope?: string;
  /** generate a device CA, enrolled as an X.509 group, and accept TLS client certificates (docs/protocol/x509.md) */
  x509?: boolean;
  /** default: one symmetric-key enrollment group with a fresh key */
  enrollments?: readonly EnrollmentConfig[];
  /** dialect for registrations without a plan (default `ga`) */
  defaultDialect?: Dialect;
  /** default: the static allocator (first linked hub, echoes the device's data) */
  allocator?: Allocator;
  /** Retry-After of 202 answers (default 2) */
  retryAfterSeconds?: number;
  /**
   * longest hold (ms) of a poll whose allocation is still running: it is answered when the
   * allocation ends, or `assigning` after this long (default 200; 0 answers at once, as DPS does)
   */
  pollHoldMs?: number;
  /** hubs allocation may choose from (default two `*.azure-devices.net` names) */
  linkedHubs?: readonly string[];
  /** redacts the transcript; the emulator adds its keys to it (default: a new SecretRedactor) */
  redactor?: Redactor;
  /** refuse SAS tokens without `skn` (default false: accept them, as DPS does for SDKs that send none) */
  requireKeyName?: boolean;
  /**
   * refuse a ga `payload` that is not a JSON object, as the documented contract says (default false:
   * a JSON string holding a JSON object is accepted and parsed, as DPS does; docs/emulator-behaviour.md)
   */
  strictPayload?: boolean;
  /** what the webhook gets for a payload sent as a JSON string holding an object: `parsed` (default, inferred) or `as-sent` */
  stringPayloadToWebhook?: 'parsed' | 'as-sent';
  /** a ga payload string that is not JSON (UNCONFIRMED): `refuse` (default, 400012) or `accept` (passed on as the string) */
  nonJsonStringPayload?: 'refuse' | 'accept';
  /**
   * write every non-ASCII character of the answers as a `\uXXXX` escape (default false: raw UTF-8, as
   * JSON in UTF-8 allows; which DPS writes is UNCONFIRMED, docs/emulator-behaviour.md)
   */
  asciiAnswers?: boolean;
  /** accept MQTT 3.1 (protocol level 3) CONNECTs (default false: CONNACK 1, as DPS documents 3.1.1 only) */
  acceptMqtt31?: boolean;
  /** keep MQTT sessions when CleanSession is 0 (default false: every session is clean, as DPS does) */
  persistentMqttSessions?: boolean;
  /** answer polls beyond a per-device rate with 429 and Retry-After; `true` = DPS's 5 per 10 s (default off) */
  pollRateLimit?: boolean | PollRateLimit;
  /**
   * the deepest JSON read from a device's register body or a webhook's answer (default 64,
   * JSON_DEPTH_LIMIT; at most 200); deeper is refused as not readable. DPS's own limit is UNCONFIRMED.
   */
  maxJsonDepth?: number;
  /**
   * a register body whose bytes are not UTF-8: `refuse` (default) answers it as a body that is not JSON
   * (400004), `replace` reads each bad sequence as U+FFFD and serves it; both record it, and
   * `device.data.sent` fails either way. What DPS does is UNCONFIRMED (docs/emulator-behaviour.md).
   */
  invalidUtf8?: InvalidUtf8Handling;
  /**
   * how long a connection may take to finish TLS, then to send its first request, on every listener
   * (default 20 s and 30 s, src/emulator/connection-timeouts.ts); a silent peer is destroyed past them
   */
  connectionTimeouts?: Partial<ConnectionTimeouts>;
  /** `dps` (default): a repeated registration is a re-provisioning; `initial`: each reads as the first */
  reRegistration?: 'dps' | 'initial';
  /** an extra DNS name for the server certificate, printed instead of the address (e.g. a LAN name) */
  serverName?: string;
  /** CONNECT with bad credentials: CONNACK 5 (default) or accept and answer 401 on the topic */
  mqttAuthFailure?: MqttAuthFailure;
  /**
   * called for every authenticated register request before its plan is read: it may call `plan()` for
   * that registration (`emulate --scenarios` does); what it returns is noted on the register's record
   */
  beforeRegister?: (registrationId: string) => string | undefined;
  /** how AMQP carries a DPS error: reject the request's delivery (default) or answer with a message (docs/protocol/amqp.md) */
  amqpErrorReply?: AmqpErrorReply;
  /**
   * advertise `max-message-size` in the emulator's AMQP ATTACH frames (default true, as Azure's AMQP
   * services do; UNCONFIRMED for DPS, docs/emulator-behaviour.md); false leaves it out, as AMQP allows
   */
  amqpMaxMessageSize?: boolean;
  /** overrides the DPS-like answer to requests no case planned for */
  onUnexpected?: UnexpectedPolicy;
  /** transcript entries kept (default 10 000; oldest dropped) */
  transcriptCap?: number;
  /** keep the CA and server certificate here across runs (devices then trust the same CA) */
  tlsCacheDir?: string;
  /** option names a port error mentions (default `httpsPort` / `mqttPort` / `amqpPort`; the CLI passes its flags) */
  portOptionNames?: { https?: string; mqtt?: string; amqp?: string };
}

/** A started emulator. */
export interface RunningEmulator {
  idScope: string;
  host: string;
  httpsPort: number;
  mqttPort: number;
  /** the name devices should connect with and verify: `serverName`, else `localhost` on 127.0.0.1, else the address */
  serverName: string;
  amqpPort: number;
  /** the CA that signed the server certificate (PEM); devices must trust it */
  caPem: string;
  /** primary key of the first enrollment group (undefined when the enrollments have no group) */
  groupKey: string | undefined;
  groupId: string | undefined;
  linkedHubs: readonly string[];
  /** the key a device registers with: its individual key, or the key derived from the first group */
  deriveDeviceKey(registrationId: string): string;
  /** the device CA of the X.509 enrollment group (PEM); undefined unless started with `x509: true` */
  deviceCaPem: string | undefined;
  /** a device certificate for X.509 attestation (CN = registration ID unless told otherwise); needs `x509: true` */
  issueDeviceCertificate(registrationId: string, options?: DeviceCertificateOptions): Promise<DeviceCertificate>;
  /** sets how the emulator treats one registration (replaces an earlier plan) */
  plan(registrationId: string, plan: RegistrationPlan): void;
  /** what the emulator received and answered, per registration and transport (redacted) */
  transcript: TranscriptView;
  /** the transcript summarised per registration (the observation report) */
  observations(): Observations;
  /** stops listening, drops every connection and pending allocation */
  close(): Promise<void>;
}
