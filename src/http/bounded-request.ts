import { performance } from 'node:perf_hooks';
import { Client, type Dispatcher } from 'undici';
import type { AnsweredOutcome, BoundedOutcome, ExchangeTiming, FailedOutcome, FreshConnectionRetry } from './bounded-outcome.js';
import { classifyNetworkError } from './classify-network-error.js';
import { clientOptions, type CarryingConnection, type ConnectionPool, type ExtraCa } from './connection-pool.js';

/** DPS's maximum message size, 96 KB (docs/protocol/limits.md): the default cap on an answer's body. */
export const DEFAULT_MAX_BODY_BYTES = 98_304;
/** Our default for the whole exchange; DPS publishes no webhook timeout (docs/protocol/webhook.md). */
export const DEFAULT_TIMEOUT_MS = 10_000;

export interface BoundedRequestOptions {
  /** http: or https: URL, query included (e.g. `?code=<function key>`) */
  url: string | URL;
  /** default `POST` */
  method?: string;
  /** the request body; a string is sent as UTF-8 */
  body?: string | Buffer;
  /** extra request headers; `content-type` defaults to `application/json; charset=utf-8` when a body is given */
  headers?: Record<string, string>;
  /** limit on the whole exchange: waiting for a connection, connect, headers and body (default 10 000 ms) */
  timeoutMs?: number;
  /** the most body bytes kept; one more byte ends the read and destroys the connection (default 98 304) */
  maxBodyBytes?: number;
  /** https only: extra trusted CA certificates (PEM); server certificates are always verified. A pool has its own. */
  ca?: ExtraCa;
  /** aborting ends the exchange at once with kind `error` */
  signal?: AbortSignal;
  /**
   * keep-alive connections to the URL's origin to reuse (connection-pool.ts); by default each call
   * has a connection of its own, closed after it (`Connection: close`). A complete answer leaves its
   * connection to the pool; anything else (timeout, too long, broken) destroys it. When a reused
   * connection closes before any byte of the answer, the request is sent once more on a fresh one.
   */
  pool?: ConnectionPool;
}

/**
 * Sends one HTTP(S) request (undici) to a peer that may misbehave, and always resolves (never rejects
 * for anything the peer does) with a typed outcome and its timing. The timeout covers the whole
 * exchange, so a peer that drips one byte a second still fails on time; an answer longer than
 * `maxBodyBytes` is cut off (read to one byte past the limit, then the connection is destroyed), never
 * buffered whole; redirects are answers, not followed; 1xx interim answers are skipped (except an
 * unsolicited `100 Continue`, which undici refuses: kind `error`). Rejects only for a caller mistake
 * (a URL that is not http: or https:).
 */
export function boundedRequest(options: BoundedRequestOptions): Promise<BoundedOutcome> {
  const url = typeof options.url === 'string' ? new URL(options.url) : options.url;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new TypeError(`boundedRequest needs an http: or https: URL, got ${url.protocol}`));
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const pool = options.pool;
  const dispatch = requestOptions(url, options, pool === undefined);

  return new Promise((resolve) => {
    const start = performance.now();
    const timing: ExchangeTiming = { startedAt: new Date().toISOString(), totalMs: 0 };
    const elapsed = (): number => Math.round((performance.now() - start) * 10) / 10;
    let own: Client | undefined;
    let attempt: Attempt;
    let retried: FreshConnectionRetry | undefined;
    let settled = false;
    // set before anything is sent: undici may report a failure from within dispatch()
    const timer = setTimeout(() => settle({ kind: 'timeout', message: `no complete answer within ${timeoutMs} ms (${attempt.progress()})`, ...attempt.partial() }), timeoutMs);
    const onAbort = (): void => settle({ kind: 'error', message: 'aborted by the caller', ...attempt.partial() });

    const settle = (outcome: Omit<AnsweredOutcome, 'timing'> | Omit<FailedOutcome, 'timing'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      attempt.cancel();
      if (own) void own.destroy().catch(() => undefined);
      timing.totalMs = elapsed();
      resolve({ ...outcome, ...(retried ? { freshConnectionRetry: retried } : {}), timing });
    };
    const onEnd = (end: AttemptEnd): void => {
      if (settled) return;
      if ((end.kind === 'closed' || end.kind === 'reset') && end.retryable && pool && retried === undefined) {
        // the server closed a reused keep-alive connection as the request went out: it never answered
        // (and most likely never read) it, so it goes once more on a connection opened for it
        retried = { kind: end.kind, message: end.message };
        delete timing.connectMs;
        own = pool.single();
        sendOn(own);
        return;
      }
      settle(end);
    };
    const sendOn = (dispatcher: Dispatcher): void => {
      attempt = new Attempt(maxBodyBytes, elapsed, timing, onEnd);
      dispatcher.dispatch({ ...dispatch }, attempt);
    };
    const sendPooled = (connections: ConnectionPool): void => {
      attempt = new Attempt(maxBodyBytes, elapsed, timing, onEnd);
      // one options object per attempt: the pool tells this attempt which connection carries it
      connections.dispatch({ ...dispatch }, attempt);
    };
    if (pool) sendPooled(pool);
    else {
      own = singleUseClient(url, options.ca, timeoutMs);
      sendOn(own);
    }
    if (options.signal?.aborted) queueMicrotask(onAbort);
    else if (!settled) options.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The headers of a JSON body when the caller gives none (shared: undici only reads them). */
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json; charset=utf-8' });

/** The dispatch options for the URL: path with query, headers (credentials in the URL become Basic auth). */
function requestOptions(url: URL, options: BoundedRequestOptions, closeAfter: boolean): Dispatcher.DispatchOptions {
  // undici sends a string as UTF-8 and sets content-length itself
  const body = options.body;
  const plain = options.headers === undefined && url.username === '' && url.password === '';
  const headers: Record<string, string> = plain ? (body === undefined ? {} : JSON_HEADERS) : { ...options.headers };
  if (!plain && body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = JSON_HEADERS['content-type'] ?? '';
  if (url.username !== '' || url.password !== '') {
    headers['authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`, 'utf8').toString('base64')}`;
  }
  return {
    path: `${url.pathname}${url.search}`,
    method: options.method ?? 'POST',
    headers,
    ...(body === undefined ? {} : { body }),
    // a connection of its own says so, as Node's client without an agent did
    ...(closeAfter ? { reset: true } : {}),
  };
}

/** A client for one exchange, on its own connection. */
function singleUseClient(url: URL, ca: ExtraCa | undefined, timeoutMs: number): Client {
  return new Client(url.origin, clientOptions(ca, timeoutMs));
}

type AttemptEnd = (Omit<AnsweredOutcome, 'timing'> & { retryable?: undefined }) | (Omit<FailedOutcome, 'timing'> & { retryable: boolean });

/** One try of the exchange on one connection: reads the answer within the limits and says how it ended. */
class Attempt implements Dispatcher.DispatchHandler {
  readonly #maxBodyBytes: number;
  readonly #elapsed: () => number;
  readonly #timing: ExchangeTiming;
  readonly #onEnd: (end: AttemptEnd) => void;
  #controller: Dispatcher.DispatchController | undefined;
  #carrier: CarryingConnection | undefined;
  #reused = false;
  #status: number | undefined;
  #statusMessage = '';
  #headers: Record<string, string | string[]> = {};
  #chunks: Buffer[] = [];
  #kept = 0;
  #received = 0;
  #over = false;

  constructor(maxBodyBytes: number, elapsed: () => number, timing: ExchangeTiming, onEnd: (end: AttemptEnd) => void) {
    this.#maxBodyBytes = maxBodyBytes;
    this.#elapsed = elapsed;
    this.#timing = timing;
    this.#onEnd = onEnd;
  }

  /** Told by the pool, before the request is written, which client carries it. */
  carriedBy(client: CarryingConnection): void {
    this.#carrier = client;
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // given up while it waited for a connection: never written
    if (this.#over) return controller.abort(new Error('the exchange was given up'));
    this.#reused = (this.#carrier?.answeredOnConnection ?? 0) > 0;
    this.#timing.connectMs ??= this.#elapsed();
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
    statusMessage?: string,
  ): void {
    if (statusCode < 200) return; // an interim answer (102, 103): the final one follows
    this.#timing.headersMs = this.#elapsed();
    this.#status = statusCode;
    this.#statusMessage = statusMessage ?? '';
    // undici's parse leaves no undefined values: the object is kept as it is
    this.#headers = headers as Record<string, string | string[]>;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#over) return;
    this.#received += chunk.length;
    if (this.#kept < this.#maxBodyBytes) {
      const part = chunk.length <= this.#maxBodyBytes - this.#kept ? chunk : chunk.subarray(0, this.#maxBodyBytes - this.#kept);
      this.#chunks.push(part);
      this.#kept += part.length;
    }
    if (this.#received > this.#maxBodyBytes) {
      this.#answer(true);
      controller.abort(new Error('the answer is longer than the limit'));
    }
  }

  onResponseEnd(): void {
    if (this.#over) return;
    if (this.#carrier) this.#carrier.answeredOnConnection += 1;
    this.#answer(false);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.#over) return;
    this.#over = true;
    const partial = this.partial();
    if (this.#status !== undefined) {
      this.#onEnd({ kind: 'closed', message: `the answer broke off after ${this.#received} body bytes (${describe(error)})`, ...codeOf(error), ...partial, retryable: false });
      return;
    }
    const classified = classifyNetworkError(error);
    const retryable = this.#reused && (classified.kind === 'closed' || classified.kind === 'reset');
    this.#onEnd({ ...classified, retryable });
  }

  /** Ends this attempt from outside (the exchange settled): a running request is aborted, a waiting one never sent. */
  cancel(): void {
    if (this.#over) return;
    this.#over = true;
    this.#controller?.abort(new Error('the exchange was given up'));
  }

  partial(): Pick<FailedOutcome, 'partial'> {
    return this.#status === undefined ? {} : { partial: { status: this.#status, bodyBytes: this.#received } };
  }

  progress(): string {
    return this.#timing.headersMs === undefined
      ? this.#timing.connectMs === undefined
        ? 'not connected'
        : 'connected, no headers'
      : `headers after ${Math.round(this.#timing.headersMs)} ms, ${this.#received} body bytes`;
  }

  #answer(truncated: boolean): void {
    this.#over = true;
    this.#onEnd({
      kind: 'answered',
      status: this.#status ?? 0,
      statusMessage: this.#statusMessage,
      headers: this.#headers,
      bodyBytes: this.#chunks.length === 1 && this.#chunks[0] ? this.#chunks[0] : Buffer.concat(this.#chunks, this.#kept),
      truncated,
    });
  }
}

function describe(error: Error): string {
  return error.message || error.name;
}

function codeOf(error: Error): { code?: string } {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? { code } : {};
}
