import type { Dialect } from '../../../../results/check-result.js';
import type { EnrollmentConfig } from '../../../../emulator/core/enrollments.js';

/** `emulate --config FILE`, as `schemas/harness/emulator-config.schema.json` defines it. */
export interface EmulatorConfigFile {
  idScope?: string;
  enrollments?: EnrollmentConfig[];
  allocation?: { type: 'custom'; webhookUrl: string; timeoutMs?: number } | { type: 'static'; hub: string };
  linkedHubs?: string[];
  retryAfterSeconds?: number;
  dialect?: Dialect;
}
