import type { CheckDefinition } from './check-definition.js';
import { RESPONSE_CHECKS } from './checks/response-checks.js';
import { CONTENT_CHECKS } from './checks/content-checks.js';
import { USER_CASE_CHECKS } from './checks/user-case-checks.js';
import { functionKeyCheck } from './checks/auth-checks.js';
import { stableAllocationCheck } from './checks/stability-checks.js';
import { latencyP95Check } from './checks/latency-checks.js';
import { pactContractCheck } from './checks/contract-checks.js';
import { robustnessCheck } from './checks/robustness-checks.js';
import { acceptsCheck } from './checks/acceptance-checks.js';

/**
 * Every check of the webhook suite, in the order results appear for a case. CHECKS.md documents the
 * same list; a test keeps the two in step. Ids are stable: reports, waivers and diffs refer to them.
 */
export const WEBHOOK_CHECKS: readonly CheckDefinition[] = [
  ...RESPONSE_CHECKS,
  ...CONTENT_CHECKS,
  ...USER_CASE_CHECKS,
  robustnessCheck,
  stableAllocationCheck,
  functionKeyCheck,
  acceptsCheck,
  latencyP95Check,
  pactContractCheck,
];
