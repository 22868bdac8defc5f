import type { Dialect } from '../../results/check-result.js';
import type { Allocator } from '../allocation/allocator.js';
import type { SchemaValidator } from '../support/shared-services.js';
import type { Transcript } from '../transcript/transcript.js';
import type { X509Enrollments } from '../x509/x509-enrollments.js';
import type { DeviceConnections } from './device-connections.js';
import type { Enrollments } from './enrollments.js';
import type { PayloadPolicy } from './payload-policy.js';
import type { PollRateLimiter } from './poll-rate-limiter.js';
import type { PlanBook } from './registration-plan.js';
import type { RegistrationBook } from './registration-book.js';
import type { UnexpectedPolicy } from './unexpected-policy.js';
import type { InvalidUtf8Handling } from './decode-device-text.js';

/** The state and settings every core step reads. */
export interface CoreContext {
  idScope: string;
  enrollments: Enrollments;
  /** X.509 enrollments (individual by thumbprint, groups by CA); absent = none */
  x509?: X509Enrollments;
  plans: PlanBook;
  registrations: RegistrationBook;
  allocator: Allocator;
  linkedHubs: readonly string[];
  defaultDialect: Dialect;
  retryAfterSeconds: number;
  requireKeyName: boolean;
  /** write non-ASCII characters of answers as `\uXXXX` escapes (default: raw UTF-8; which DPS does is UNCONFIRMED) */
  asciiAnswers?: boolean;
  /** how a ga payload that is not a JSON object is taken (docs/emulator-behaviour.md); absent = as DPS does */
  payloadPolicy?: PayloadPolicy;
  /** set when polls beyond DPS's per-device rate are answered 429 (off by default, docs/emulator-behaviour.md) */
  pollRateLimiter?: PollRateLimiter;
  /** `dps`: a repeated registration is a re-provisioning (fresh createdDateTimeUtc, substatus deviceDataMigrated); `initial`: every one reads as the first */
  reRegistration?: 'dps' | 'initial';
  onUnexpected?: UnexpectedPolicy;
  /** called for every authenticated register request before its plan is read; may set the plan, returns a transcript note */
  beforeRegister?: (registrationId: string) => string | undefined;
  validator: SchemaValidator | undefined;
  transcript: Transcript;
  /** the MQTT and AMQP connections of devices: their ids, and a record of how each accepted one ended */
  connections: DeviceConnections;
  /** longest hold of a poll while its allocation runs (ms; 0 or absent = answer at once), see hold-poll.ts */
  pollHoldMs?: number;
  /** the deepest JSON the emulator reads from a device or webhook (docs/emulator-behaviour.md) */
  maxJsonDepth: number;
  /** a register body that is not UTF-8: refused (400004) or read with U+FFFD; recorded either way */
  invalidUtf8: InvalidUtf8Handling;
  /** aborted when the emulator closes: stops allocations and webhook retries */
  signal: AbortSignal;
}
