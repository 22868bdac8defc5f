import type { AdapterFault } from '../../../src/adapters/adapter-fault.js';
import { isErrorReply, isResultReply, isSkippedReply, type RegisterError, type RegisterExchange, type RegisterResult } from '../../../src/adapters/protocol-types.js';

/**
 * What the adapter said about one registration, as a tagged union: the result or error its
 * implementation handed to the application, a skip, a fault of the adapter, or nothing at all
 * (`unobserved`: `emulate` judges from the server side and has no adapter).
 */
export type AdapterOutcome =
  | { kind: 'result'; result: RegisterResult; durationMs: number }
  | { kind: 'error'; error: RegisterError; durationMs: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'fault'; fault: AdapterFault }
  | { kind: 'off-schema' }
  /** neither a reply nor a fault was recorded (a driver that broke its contract) */
  | { kind: 'missing' }
  | { kind: 'unobserved' };

/** Reads the adapter exchange (or its fault) of one registration once. */
export function adapterOutcome(exchange: RegisterExchange | undefined, fault: AdapterFault | undefined): AdapterOutcome {
  if (fault) return { kind: 'fault', fault };
  if (!exchange) return { kind: 'missing' };
  const reply = exchange.reply;
  if (isSkippedReply(reply)) return { kind: 'skipped', reason: reply.skipped.reason };
  if (isResultReply(reply)) return { kind: 'result', result: reply.result, durationMs: exchange.durationMs };
  if (isErrorReply(reply)) return { kind: 'error', error: reply.error, durationMs: exchange.durationMs };
  return { kind: 'off-schema' };
}
