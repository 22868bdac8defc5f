import type { Dialect } from '../../results/check-result.js';
import type { AllocationOutcome } from '../allocation/allocator.js';
import type { EnrollmentView } from './enrollments.js';

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
  pollsAnswered: number;
  /** undefined while the allocator runs */
  outcome?: OperationOutcome;
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

/** Registrations by lowercase registration ID (DPS compares them case-insensitively, FACTS §5). */
export class RegistrationBook {
  readonly #records = new Map<string, RegistrationRecord>();

  get(registrationId: string): RegistrationRecord | undefined {
    return this.#records.get(registrationId.toLowerCase());
  }

  getOrCreate(registrationId: string, createdDateTimeUtc: string): RegistrationRecord {
    const key = registrationId.toLowerCase();
    let record = this.#records.get(key);
    if (!record) {
      record = { registrationId, createdDateTimeUtc, operations: new Map() };
      this.#records.set(key, record);
    }
    return record;
  }

  all(): RegistrationRecord[] {
    return [...this.#records.values()];
  }
}
