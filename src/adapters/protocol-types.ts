/**
 * Adapter protocol v1 messages (docs/contract/adapter-protocol.md), as the harness uses them. The schemas in
 * `schemas/adapter/` are the authority: every message is validated against them, and the message types here
 * are the types generated from those schemas (`src/schemas/generated/adapter/`).
 */
import type { Dialect } from '../results/check-result.js';
import type { JsonValue } from '../json/json-value.js';
import type { LeftProcess } from './process-tree.js';
import type { AdapterStartReply, AttestationKind, DeviceTransport, ImplementationIdentity } from '../schemas/generated/adapter/start-reply.js';
import type {
  AdapterRegisterReply,
  ErrorReportedByTheImplementation,
  RegisterReplyError,
  RegisterReplyResult,
  RegisterReplySkipped,
  RegistrationResultAsSurfacedByTheImplementation,
} from '../schemas/generated/adapter/register-reply.js';
import type { EmulatorEndpoint } from '../schemas/generated/adapter/register-request.js';

export type {
  AttestationKind,
  DeviceTransport,
  ImplementationIdentity as ImplementationInfo,
  AdapterStartReply as StartReply,
  EmulatorEndpoint as Endpoint,
  RegistrationResultAsSurfacedByTheImplementation as RegisterResult,
  ErrorReportedByTheImplementation as RegisterError,
  AdapterRegisterReply as RegisterReply,
};

// The generated reply types allow unknown members, so `'result' in reply` cannot narrow them; the schema's
// oneOf guarantees exactly one of result / error / skipped in a validated reply, which these predicates read.

/** A validated register reply that carries the registration's result. */
export function isResultReply(reply: AdapterRegisterReply): reply is RegisterReplyResult {
  return 'result' in reply;
}

/** A validated register reply that carries an error the implementation reported. */
export function isErrorReply(reply: AdapterRegisterReply): reply is RegisterReplyError {
  return 'error' in reply;
}

/** A validated register reply by which the adapter declines the case. */
export function isSkippedReply(reply: AdapterRegisterReply): reply is RegisterReplySkipped {
  return 'skipped' in reply;
}

/** A register request without its `seq` (the client numbers requests). */
export interface RegisterCommand {
  dialect: Dialect;
  transport: DeviceTransport;
  endpoint: EmulatorEndpoint;
  idScope: string;
  registrationId: string;
  attestation: { type: 'symmetricKey'; key: string } | { type: 'x509'; certPem: string; keyPem: string; chainPem: string };
  /** absent = the application supplies no data */
  data?: JsonValue;
  timeoutMs: number;
}

/** One register exchange as evidence: what was asked, what came back, and the adapter's stderr meanwhile. */
export interface RegisterExchange {
  request: RegisterCommand & { seq: number; cmd: 'register' };
  reply: AdapterRegisterReply;
  /** the reply line exactly as the adapter wrote it */
  replyLine: string;
  stderr: string;
  durationMs: number;
}

/** What drives an implementation: the subprocess adapter client or the in-process loader. */
export interface DeviceDriver {
  /** sends `start`; resolves with the claims or rejects with an AdapterFault */
  start(): Promise<AdapterStartReply>;
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
  /**
   * processes the adapter started that were still running outside its process group once it ended, over
   * the whole run (each adapter process, restarts included); the harness killed them (Linux only)
   */
  leftBehind?: LeftProcess[];
}
