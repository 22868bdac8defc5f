/**
 * The public surface of dps-conformance as a library. Every export is listed by name (no `export *`);
 * everything else is internal and may change between versions.
 */
export { main } from './cli/main.js';
export { ExitStatus } from './cli/exit-status.js';
export { HarnessError, HarnessErrorCode, isHarnessError } from './errors/harness-error.js';
export type { CheckResult, Dialect, Transport, Level, Outcome, ImplementationRef } from './results/check-result.js';
export { DIALECTS, TRANSPORTS, isBlocking } from './results/check-result.js';
export type { RunInfo } from './results/run-info.js';
export { SecretRedactor } from './results/secret-redactor.js';
export { getSchemaRegistry, SchemaRegistry, type ValidationOutcome } from './schemas/schema-registry.js';
export { startEmulator, staticAllocator, webhookAllocator, deriveDeviceKey, signSasToken } from './emulator/index.js';
export type { EmulatorOptions, RunningEmulator, RegistrationPlan, Allocator, AllocationOutcome } from './emulator/index.js';
export { verifyWebhookContract, type ContractInteractionResult } from './contracts/verify-webhook-contract.js';
export { writeReportSet } from './report/write-report-set.js';
export { parseCtrf } from './report/format/parse-ctrf.js';
export { formatCtrf } from './report/format/format-ctrf.js';
export { startReferenceWebhook } from '../implementations/reference-webhook/start-reference-webhook.js';
