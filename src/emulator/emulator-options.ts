import type { Dialect } from '../results/check-result.js';
import type { Allocator } from './allocation/allocator.js';
import type { EnrollmentConfig } from './core/enrollments.js';
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
   * serve at the ports real DPS uses (443, 8883) on a loopback address of the emulator's own
   * (127.0.0.2 and up), for SDKs that take no port; overrides host and ports (see standard-ports.ts)
   */
  standardPorts?: boolean;
  /** HTTPS and MQTT-over-WebSocket port (default 0 = a free port) */
  httpsPort?: number;
  /** MQTT over TLS port (default 0 = a free port) */
  mqttPort?: number;
  /** default: a fresh `0ne` + 8 hex scope */
  idScope?: string;
  /** default: one symmetric-key enrollment group with a fresh key */
  enrollments?: readonly EnrollmentConfig[];
  /** dialect for registrations without a plan (default `ga`) */
  defaultDialect?: Dialect;
  /** default: the static allocator (first linked hub, echoes the device's data) */
  allocator?: Allocator;
  /** Retry-After of 202 answers (default 2) */
  retryAfterSeconds?: number;
  /** hubs allocation may choose from (default two `*.azure-devices.net` names) */
  linkedHubs?: readonly string[];
  /** redacts the transcript; the emulator adds its keys to it (default: a new SecretRedactor) */
  redactor?: Redactor;
  /** refuse SAS tokens without `skn` (default false: accept them, as DPS does for SDKs that send none) */
  requireKeyName?: boolean;
  /** CONNECT with bad credentials: CONNACK 5 (default) or accept and answer 401 on the topic */
  mqttAuthFailure?: MqttAuthFailure;
  /** overrides the DPS-like answer to requests no case planned for */
  onUnexpected?: UnexpectedPolicy;
  /** transcript entries kept (default 10 000; oldest dropped) */
  transcriptCap?: number;
  /** keep the CA and server certificate here across runs (devices then trust the same CA) */
  tlsCacheDir?: string;
  /** option names a port error mentions (default `httpsPort` / `mqttPort`; the CLI passes its flags) */
  portOptionNames?: { https?: string; mqtt?: string };
}

/** A started emulator. */
export interface RunningEmulator {
  idScope: string;
  host: string;
  httpsPort: number;
  mqttPort: number;
  /** the CA that signed the server certificate (PEM); devices must trust it */
  caPem: string;
  /** primary key of the first enrollment group (undefined when the enrollments have no group) */
  groupKey: string | undefined;
  groupId: string | undefined;
  linkedHubs: readonly string[];
  /** the key a device registers with: its individual key, or the key derived from the first group */
  deriveDeviceKey(registrationId: string): string;
  /** sets how the emulator treats one registration (replaces an earlier plan) */
  plan(registrationId: string, plan: RegistrationPlan): void;
  /** what the emulator received and answered, per registration and transport (redacted) */
  transcript: TranscriptView;
  /** the transcript summarised per registration (the observation report) */
  observations(): Observations;
  /** stops listening, drops every connection and pending allocation */
  close(): Promise<void>;
}
