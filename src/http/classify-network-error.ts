import type { FailedOutcome } from './bounded-outcome.js';

const TLS_CODE = /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH|ERR_OSSL)/;

/**
 * Names what an HTTP client error (undici's, or Node's socket errors beneath it) means for a person
 * judging a webhook, for an exchange that got no answer head. undici reports a peer that closed the
 * connection as `UND_ERR_SOCKET` "other side closed" (or "closed"): that is `closed`, while an
 * ECONNRESET from the OS (a TCP RST) is `reset`.
 */
export function classifyNetworkError(error: unknown): Pick<FailedOutcome, 'kind' | 'message' | 'code'> {
  const err = error as NodeJS.ErrnoException;
  const code = typeof err?.code === 'string' ? err.code : undefined;
  const detail = err instanceof Error ? err.message : String(error);
  const withCode = (kind: FailedOutcome['kind'], message: string): Pick<FailedOutcome, 'kind' | 'message' | 'code'> =>
    code === undefined ? { kind, message } : { kind, message, code };
  if (code === 'ECONNREFUSED') return withCode('refused', `connection refused (${detail})`);
  if (code === 'UND_ERR_SOCKET' && /^(?:other side closed|closed)$/.test(detail)) return withCode('closed', 'the peer closed the connection without answering');
  if (code === 'UND_ERR_SOCKET' && detail === 'bad response') {
    return withCode('error', 'not a valid HTTP answer (an answer the client did not ask for: bytes before the request, or an unsolicited 100 Continue)');
  }
  if (code === 'ECONNRESET' && /socket hang up/i.test(detail)) return withCode('closed', 'the peer closed the connection without answering');
  if (code === 'ECONNRESET' || code === 'EPIPE') return withCode('reset', `connection reset by the peer (${detail})`);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return withCode('timeout', `the connection could not be opened in time (${detail})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return withCode('error', `cannot resolve the host name (${detail})`);
  if (code !== undefined && TLS_CODE.test(code)) return withCode('error', `TLS failure: ${detail}`);
  // undici's parser names most of its complaints with an HPE_ code, but not bytes that are no HTTP at all
  if ((code !== undefined && code.startsWith('HPE_')) || (err instanceof Error && err.name === 'HTTPParserError')) return withCode('error', `not a valid HTTP answer (${detail})`);
  return withCode('error', detail);
}
