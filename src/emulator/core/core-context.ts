import type { Dialect } from '../../results/check-result.js';
import type { Allocator } from '../allocation/allocator.js';
import type { SchemaValidator } from '../support/shared-services.js';
import type { Transcript } from '../transcript/transcript.js';
import type { X509Enrollments } from '../x509/x509-enrollments.js';
import type { Enrollments } from './enrollments.js';
import type { PlanBook } from './registration-plan.js';
import type { RegistrationBook } from './registration-book.js';
import type { UnexpectedPolicy } from './unexpected-policy.js';

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
  onUnexpected?: UnexpectedPolicy;
  validator: SchemaValidator | undefined;
  transcript: Transcript;
  /** aborted when the emulator closes: stops allocations and webhook retries */
  signal: AbortSignal;
}
