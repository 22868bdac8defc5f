import type { Dialect } from '../../results/check-result.js';
import type { AllocationOutcome } from '../allocation/allocator.js';
import type { EnrollmentView } from './enrollments.js';
import type { RetryAfterSchedule } from '../../dps/retry-after-wait.js';

/** What allocation came to, plus `disabled` for a disabled enrollment (no allocation runs). */
export type OperationOutcome = AllocationOutcome | { kind: 'disabled' };

/** One register operation: from the PUT to its terminal answer. */
export interface Operation {
  operationId: string;
  registrationId: string;
  dialect: Dialect;
  enrollment: EnrollmentView;
  data?: unknown;
  /** the data member as the device wrote it */
  dataJson?: string;
  hasData: boolean;
  /** the X.509 certificate the device attested with (base64 DER), for the webhook's deviceRuntimeContext */
  clientCertificate?: string;
  pollsAnswered: number;
  /** undefined while the allocator runs */
  outcome?: OperationOutcome;
  /** the Retry-Afters this operation's answers gave, against which each poll is judged (src/dps/retry-after-wait.ts) */
  schedule: RetryAfterSchedule;
  /** settles (never rejects) once the running allocation has set `outcome`; a held poll waits on it */
  settling?: Promise<void>;
  /** the terminal answer, fixed the first time a poll sees it */
  terminal?: Record<string, unknown>;
}

/** A registration as DPS remembers it across operations. */
export interface RegistrationRecord {
  /** as the device first spelled it */
  registrationId: string;
  createdDateTimeUtc: string;
  /** set once assigned; used for substatus and `currentIotHubHostName` on re-registration */
  current?: { hub: string; deviceId: string };
  /** the latest terminal DeviceRegistrationResult, for the status lookup */
  lastResult?: Record<string, unknown>;
  operations: Map<string, Operation>;
}

/**
 * Operations kept per registration: a device polls its latest operation, and a registration that
 * re-registers in a loop (a load run) must not grow without bound.
 */
export const OPERATIONS_KEPT = 8;

/**
 * Registrations remembered at most: a long `load` run or `emulate` session with ever-new IDs must not
 * grow without bound. The oldest registration is forgotten first (it then registers as new again).
 */
export const REGISTRATIONS_KEPT = 100_000;

/** Registrations by lowercase registration ID (DPS compares them case-insensitively, docs/protocol/identifiers.md). */
export class RegistrationBook {
  readonly #records = new Map<string, RegistrationRecord>();
  readonly #limit: number;

  constructor(limit: number = REGISTRATIONS_KEPT) {
    this.#limit = limit;
  }

  /** Adds an operation to its registration, forgetting the oldest beyond OPERATIONS_KEPT (a poll for it is then an unknown operation). */
  addOperation(record: RegistrationRecord, operation: Operation): void {
    record.operations.set(operation.operationId, operation);
    for (const oldest of record.operations.keys()) {
      if (record.operations.size <= OPERATIONS_KEPT) break;
      record.operations.delete(oldest);
    }
  }

  get(registrationId: string): RegistrationRecord | undefined {
    return this.#records.get(registrationId.toLowerCase());
  }

  getOrCreate(registrationId: string, createdDateTimeUtc: string): RegistrationRecord {
    const key = registrationId.toLowerCase();
    let record = this.#records.get(key);
    if (!record) {
      record = { registrationId, createdDateTimeUtc, operations: new Map() };
      this.#records.set(key, record);
      for (const oldest of this.#records.keys()) {
        if (this.#records.size <= this.#limit) break;
        this.#records.delete(oldest);
      }
    }
    return record;
  }

  all(): RegistrationRecord[] {
    return [...this.#records.values()];
  }
}
