/**
 * Adapter protocol v1 messages (docs/contract/adapter-protocol.md), as the harness uses them. The schemas in
 * `schemas/adapter/` are the authority and every message is validated against them; these types only
 * describe what a valid message holds (to be replaced by the generated types once they are in the tree).
 */
import type { Dialect } from '../results/check-result.js';
import type { LosslessJson } from './lossless-json.js';

export type DeviceTransport = 'https' | 'mqtt' | 'mqtt-ws' | 'amqp';
export type AttestationKind = 'symmetricKey' | 'x509' | 'tpm';

export interface ImplementationInfo {
  name: string;
  version: string;
  language?: string;
  homepage?: string;
}

export interface StartReply {
  seq: number;
  implementation: ImplementationInfo;
  dialects: Dialect[];
  transports: DeviceTransport[];
  attestations: AttestationKind[];
}

export interface Endpoint {
  host: string;
  httpsPort: number;
  mqttPort: number;
  caPem: string;
}

/** A register request without its `seq` (the client numbers requests). */
export interface RegisterCommand {
  dialect: Dialect;
  transport: DeviceTransport;
  endpoint: Endpoint;
  idScope: string;
  registrationId: string;
  attestation: { type: 'symmetricKey'; key: string };
  /** absent = the application supplies no data */
  data?: LosslessJson;
  timeoutMs: number;
}

export interface RegisterResult {
  status: string;
  assignedHub?: string;
  deviceId?: string;
  substatus?: string;
  errorCode?: number;
  errorMessage?: string;
  returnData?: LosslessJson;
  [member: string]: unknown;
}

export interface RegisterError {
  message: string;
  statusCode?: number;
  errorCode?: number;
  [member: string]: unknown;
}

export type RegisterReply =
  | { seq: number; result: RegisterResult }
  | { seq: number; error: RegisterError }
  | { seq: number; skipped: { reason: string } };

/** One register exchange as evidence: what was asked, what came back, and the adapter's stderr meanwhile. */
export interface RegisterExchange {
  request: RegisterCommand & { seq: number; cmd: 'register' };
  reply: RegisterReply;
  /** the reply line exactly as the adapter wrote it */
  replyLine: string;
  stderr: string;
  durationMs: number;
}

/** What drives an implementation: the subprocess adapter client or the in-process loader. */
export interface DeviceDriver {
  /** sends `start`; resolves with the claims or rejects with an AdapterFault */
  start(): Promise<StartReply>;
  /** one registration; rejects with an AdapterFault when the adapter misbehaves */
  register(command: RegisterCommand): Promise<RegisterExchange>;
  /** sends `stop` and makes sure the implementation is gone; never rejects */
  stop(): Promise<StopOutcome | void>;
  /** true once the driver gave up (3 consecutive timeouts): every later register rejects at once */
  readonly exhausted: boolean;
}

/** How `stop` went: the adapter should reply, then exit by itself (docs/contract/adapter-protocol.md). */
export interface StopOutcome {
  replied: boolean;
  /** how the process ended: by itself, on SIGTERM, only on SIGKILL, or it was not running */
  ended: 'exited' | 'terminated' | 'killed' | 'not-running';
  /** why the stop reply was not usable */
  problem?: string;
}
