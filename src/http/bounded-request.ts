import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { AnsweredOutcome, BoundedOutcome, ExchangeTiming, FailedOutcome } from './bounded-outcome.js';
import { classifyNetworkError } from './classify-network-error.js';
import { requestTarget } from './request-target.js';

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
  /** limit on the whole exchange: connect, headers and body (default 10 000 ms) */
  timeoutMs?: number;
  /** the most body bytes kept; one more byte ends the read and destroys the socket (default 98 304) */
  maxBodyBytes?: number;
  /** https only: extra trusted CA certificates (PEM); server certificates are always verified */
  ca?: string | Buffer | Array<string | Buffer>;
  /** aborting ends the exchange at once with kind `error` */
  signal?: AbortSignal;
  /**
   * a connection pool to reuse (a keep-alive agent of the URL's protocol); by default each call
   * has its own connection. A complete answer leaves its connection to the pool; anything else
   * (timeout, too long, broken) destroys it.
   */
  agent?: http.Agent;
}

/**
 * Sends one HTTP(S) request to a peer that may misbehave, and always resolves (never rejects for
 * anything the peer does) with a typed outcome and its timing. The timeout covers the whole exchange,
 * so a peer that drips one byte a second still fails on time; an answer longer than `maxBodyBytes` is
 * cut off (read to one byte past the limit, then the socket is destroyed), never buffered whole;
 * redirects are answers, not followed; each call uses its own connection unless `agent` gives a
 * pool. Rejects only for a caller mistake (a URL that is not http: or https:).
 */
export function boundedRequest(options: BoundedRequestOptions): Promise<BoundedOutcome> {
  const url = typeof options.url === 'string' ? new URL(options.url) : options.url;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new TypeError(`boundedRequest needs an http: or https: URL, got ${url.protocol}`));
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined) {
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json; charset=utf-8';
    headers['content-length'] = String(body.length);
  }

  return new Promise((resolve) => {
    const startedAt = new Date().toISOString();
    const start = performance.now();
    const timing: ExchangeTiming = { startedAt, totalMs: 0 };
    const elapsed = (): number => Math.round((performance.now() - start) * 10) / 10;
    let status: number | undefined;
    let received = 0;
    let settled = false;

    const finish = (outcome: Omit<AnsweredOutcome, 'timing'> | Omit<FailedOutcome, 'timing'>, reusable = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      timing.totalMs = elapsed();
      // a complete answer on a pooled connection: the agent keeps the socket for the next call
      if (!(reusable && options.agent)) request.destroy();
      resolve({ ...outcome, timing });
    };
    const fail = (kind: FailedOutcome['kind'], message: string, code?: string): void => {
      const outcome: Omit<FailedOutcome, 'timing'> = { kind, message };
      if (code !== undefined) outcome.code = code;
      if (status !== undefined) outcome.partial = { status, bodyBytes: received };
      finish(outcome);
    };
    const progress = (): string =>
      timing.headersMs === undefined
        ? timing.connectMs === undefined
          ? 'not connected'
          : 'connected, no headers'
        : `headers after ${Math.round(timing.headersMs)} ms, ${received} body bytes`;

    const client = url.protocol === 'https:' ? https : http;
    // plain options rather than the URL: Node would re-derive them from the URL object on every call
    const requestOptions: https.RequestOptions = { ...requestTarget(url), method: options.method ?? 'POST', headers, agent: options.agent ?? false };
    if (url.protocol === 'https:') {
      requestOptions.rejectUnauthorized = true;
      if (options.ca !== undefined) requestOptions.ca = options.ca;
    }
    const request = client.request(requestOptions);
    const timer = setTimeout(() => fail('timeout', `no complete answer within ${timeoutMs} ms (${progress()})`), timeoutMs);
    const onAbort = (): void => fail('error', 'aborted by the caller');
    if (options.signal?.aborted) queueMicrotask(onAbort);
    else options.signal?.addEventListener('abort', onAbort, { once: true });

    request.on('socket', (socket: Socket) => {
      const connected = (): void => {
        timing.connectMs ??= elapsed();
      };
      // a pooled socket is connected already and will not emit the event again
      if (socket.connecting) socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', connected);
      else connected();
    });
    request.on('error', (error) => {
      const classified = classifyNetworkError(error);
      fail(classified.kind, classified.message, classified.code);
    });
    request.on('response', (response) => {
      timing.headersMs = elapsed();
      status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let kept = 0;
      let ended = false;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (kept < maxBodyBytes) {
          const part = chunk.subarray(0, maxBodyBytes - kept);
          chunks.push(part);
          kept += part.length;
        }
        if (received > maxBodyBytes) answer(true);
      });
      response.on('end', () => {
        ended = true;
        answer(false);
      });
      response.on('error', (error) => {
        // Node reports any break inside the body as ECONNRESET "aborted": the peer went away mid-answer
        fail('closed', `the answer broke off after ${received} body bytes (${error.message})`, (error as NodeJS.ErrnoException).code);
      });
      response.on('close', () => {
        if (!ended) fail('closed', `the peer closed the connection after ${received} body bytes, before the answer was complete`);
      });
      const answer = (truncated: boolean): void =>
        finish(
          {
            kind: 'answered',
            status: status ?? 0,
            statusMessage: response.statusMessage ?? '',
            headers: { ...(response.headers as Record<string, string | string[]>) },
            bodyBytes: Buffer.concat(chunks, kept),
            truncated,
          },
          !truncated,
        );
    });
    request.end(body);
  });
}
