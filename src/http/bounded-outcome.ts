/** What a bounded HTTP exchange can end in (see bounded-request.ts). Every variant carries its timing. */

export interface ExchangeTiming {
  /** wall-clock start, ISO 8601 */
  startedAt: string;
  /** ms from start to the TCP (or TLS) connection, when it was made */
  connectMs?: number;
  /** ms from start to the response status line and headers, when they came */
  headersMs?: number;
  /** ms from start to the end of the exchange (answer read, cut off, or given up) */
  totalMs: number;
}

/**
 * A pooled call whose reused keep-alive connection the server closed before any byte of the answer
 * is sent once more on a fresh connection (bounded-request.ts); the outcome is the second try's, and
 * this is the first try's failure, kept as evidence.
 */
export interface FreshConnectionRetry {
  kind: 'closed' | 'reset';
  message: string;
}

/** The peer answered with an HTTP response (any status: 3xx are answers too, never followed). */
export interface AnsweredOutcome {
  kind: 'answered';
  status: number;
  statusMessage: string;
  headers: Record<string, string | string[]>;
  /** the body as received, at most `maxBodyBytes` bytes */
  bodyBytes: Buffer;
  /** true when the body was longer than `maxBodyBytes`: reading stopped and the socket was destroyed */
  truncated: boolean;
  freshConnectionRetry?: FreshConnectionRetry;
  timing: ExchangeTiming;
}

/**
 * The exchange ended without a usable answer:
 * `timeout` (the whole exchange took longer than allowed), `refused` (nothing listening),
 * `reset` (the peer reset the connection), `closed` (the peer closed the connection before a complete
 * answer), `error` (anything else: TLS, DNS, not HTTP, aborted by the caller).
 */
export interface FailedOutcome {
  kind: 'timeout' | 'refused' | 'reset' | 'closed' | 'error';
  /** one line for a person, e.g. `no complete answer within 500 ms (headers after 3 ms, 12 body bytes)` */
  message: string;
  /** the Node.js error code behind it, when there was one (`ECONNREFUSED`, `CERT_HAS_EXPIRED`, ...) */
  code?: string;
  /** status and body bytes that arrived before the failure, if any */
  partial?: { status: number; bodyBytes: number };
  freshConnectionRetry?: FreshConnectionRetry;
  timing: ExchangeTiming;
}

export type BoundedOutcome = AnsweredOutcome | FailedOutcome;

export function isAnswered(outcome: BoundedOutcome): outcome is AnsweredOutcome {
  return outcome.kind === 'answered';
}
