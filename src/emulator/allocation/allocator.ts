import type { Dialect } from '../../results/check-result.js';
import type { EnrollmentView } from '../core/enrollments.js';

/** Everything an allocation policy may look at (what DPS gives a custom allocation webhook). */
export interface AllocationContext {
  dialect: Dialect;
  idScope: string;
  registrationId: string;
  enrollment: EnrollmentView;
  /** the device's data: ga `payload`, preview `data`; absent when the device sent none */
  data?: unknown;
  /** the same data as the device wrote it (raw JSON text), so big integers pass on unchanged */
  dataJson?: string;
  hasData: boolean;
  /** the X.509 certificate the device attested with (base64 DER); absent for symmetric keys */
  clientCertificate?: string;
  linkedHubs: readonly string[];
  /** set when the registration was assigned before (reprovisioning) */
  current?: { hub: string; deviceId: string };
  /** the deepest webhook answer the emulator reads (JSON_DEPTH_LIMIT unless `maxJsonDepth` says otherwise) */
  maxJsonDepth?: number;
  /** aborted when the emulator closes */
  signal: AbortSignal;
  /** adds an entry (e.g. a webhook call) to the transcript of this registration */
  trace(event: AllocationTrace): void;
}

/** A step an allocator wants in the transcript, e.g. one webhook call with its answer. */
export interface AllocationTrace {
  what: string;
  request?: unknown;
  response?: unknown;
  /** the exact text sent (e.g. the AllocationRequest body), kept as `request.bodyText` */
  requestText?: string;
  /** the exact text received, kept as `response.bodyText` */
  responseText?: string;
  durationMs?: number;
  error?: string;
}

/**
 * What an allocation policy decided. `returnData` is delivered in the dialect's place: ga
 * `registrationState.payload` (a JSON object), preview `registrationState.returnData` (a string).
 * `returnDataJson`, when given, is the same value as JSON text and is what the device receives,
 * character for character (so integers beyond 2^53 keep their digits); `returnData` still decides
 * whether the value has the dialect's shape. `retry-later` keeps the device at `assigning`; the core
 * asks the allocator again at the next poll.
 */
export type AllocationOutcome =
  | { kind: 'assigned'; hub: string; deviceId?: string; returnData?: unknown; returnDataJson?: string; initialTwin?: unknown }
  | { kind: 'failed'; errorCode: number; errorMessage: string }
  | { kind: 'retry-later'; reason?: string };

/** An allocation policy. Never rejects for a target's fault: that is a `failed` outcome. */
export type Allocator = (request: AllocationContext) => Promise<AllocationOutcome>;
