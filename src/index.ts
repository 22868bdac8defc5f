/**
 * The public surface of dps-conformance as a library. Every export is listed by name (no `export *`).
 */
export { main } from './cli/main.js';
export { ExitStatus } from './cli/exit-status.js';
export { HarnessError, HarnessErrorCode, isHarnessError } from './errors/harness-error.js';
export type { CheckResult, Dialect, Transport, Level, Outcome, ImplementationRef } from './results/check-result.js';
export { DIALECTS, TRANSPORTS, isBlocking } from './results/check-result.js';
export type { RunInfo } from './results/run-info.js';
