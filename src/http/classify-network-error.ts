import type { FailedOutcome } from './bounded-outcome.js';

const TLS_CODE = /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|ERR_OSSL)/;

/**
 * Names what a Node.js client error means for a person judging a webhook. Node reports a peer that
 * closed the connection before any answer as ECONNRESET "socket hang up"; that is `closed`, while an
 * ECONNRESET from the OS (a TCP RST) is `reset`.
 */
export function classifyNetworkError(error: unknown): Pick<FailedOutcome, 'kind' | 'message' | 'code'> {
  const err = error as NodeJS.ErrnoException;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const detail = err instanceof Error ? err.message : String(error);
  const withCode = (kind: FailedOutcome['kind'], message: string): Pick<FailedOutcome, 'kind' | 'message' | 'code'> =>
    code === undefined ? { kind, message } : { kind, message, code };
  if (code === 'ECONNREFUSED') return withCode('refused', `connection refused (${detail})`);
  if (code === 'ECONNRESET' && /socket hang up/i.test(detail)) return withCode('closed', 'the peer closed the connection without answering');
  if (code === 'ECONNRESET' || code === 'EPIPE') return withCode('reset', `connection reset by the peer (${detail})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return withCode('error', `cannot resolve the host name (${detail})`);
  if (code !== undefined && TLS_CODE.test(code)) return withCode('error', `TLS failure: ${detail}`);
  if (code !== undefined && code.startsWith('HPE_')) return withCode('error', `not a valid HTTP answer (${detail})`);
  return withCode('error', detail);
}
