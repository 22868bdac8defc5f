import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { AnsweredOutcome, BoundedOutcome, ExchangeTiming, FailedOutcome } from './bounded-outcome.js';
import { classifyNetworkError } from './classify-network-error.js';
import { HttpAnswerParser, HttpParseError, type AnswerHead } from './http-answer-parser.js';

export interface KeepAlivePost {
  /** the JSON body, sent as UTF-8 */
  body: string;
  /** limit on the whole exchange, waiting for a free connection included */
  timeoutMs: number;
  /** the most body bytes kept; one more byte ends the read and destroys the connection */
  maxBodyBytes: number;
  /** aborting ends the exchange at once with kind `error` */
  signal?: AbortSignal;
}

/** One pooled connection; its listeners are set once and pass events to the exchange using it. */
interface Connection {
  socket: net.Socket;
  exchange: Exchange | undefined;
  closed: boolean;
}

/**
 * POSTs JSON to one plain-HTTP URL over a pool of keep-alive connections, with the contract of
 * `boundedRequest` (bounded-request.ts): it always resolves with a typed outcome and its timing, the
 * timeout covers the whole exchange, an answer longer than `maxBodyBytes` is cut off, redirects are
 * answers, and failures are named the same way. It exists because the emulator calls its webhook
 * for every registration: `http.request` with an agent spends more CPU per call than the in-process
 * reference webhook does to answer it (docs/performance.md). The request is what Node sends:
 * `content-type`, `content-length`, `Host`, `Connection: keep-alive`.
 */
export class KeepAliveHttpClient {
  readonly #host: string;
  readonly #port: number;
  readonly #head: string;
  readonly #tail: string;
  readonly #maxSockets: number;
  readonly #all = new Set<Connection>();
  readonly #idle: Connection[] = [];
  readonly #waiting: Exchange[] = [];
  #open = 0;
  #destroyed = false;

  /** `url` must be http: without credentials (see `KeepAliveHttpClient.supports`) */
  constructor(url: URL, maxSockets: number) {
    if (!KeepAliveHttpClient.supports(url)) throw new TypeError(`KeepAliveHttpClient needs an http: URL without credentials, got ${url.protocol}`);
    this.#host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.#port = url.port === '' ? 80 : Number(url.port);
    // the request head around the body's length, as Node writes it for the same call
    this.#head = `POST ${url.pathname}${url.search} HTTP/1.1\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: `;
    this.#tail = `\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n\r\n`;
    this.#maxSockets = Math.max(1, maxSockets);
  }

  /** Whether this client can serve the URL (plain HTTP; credentials in the URL need Node's client). */
  static supports(url: URL): boolean {
    return url.protocol === 'http:' && url.username === '' && url.password === '';
  }

  /** Sends one POST; resolves with the outcome, never rejects. */
  post(request: KeepAlivePost): Promise<BoundedOutcome> {
    return new Promise((resolve) => {
      const exchange = new Exchange(request, `${this.#head}${Buffer.byteLength(request.body, 'utf8')}${this.#tail}${request.body}`, resolve, (connection, reusable) =>
        this.#release(connection, reusable),
      );
      if (this.#destroyed) return exchange.fail('error', 'aborted by the caller');
      const idle = this.#idle.pop();
      if (idle) exchange.start(idle, true);
      else if (this.#open < this.#maxSockets) exchange.start(this.#connect(), false);
      else {
        this.#waiting.push(exchange);
        exchange.onGiveUp = () => {
          const at = this.#waiting.indexOf(exchange);
          if (at >= 0) this.#waiting.splice(at, 1);
        };
      }
    });
  }

  /** Closes every connection; exchanges still running end as failed. */
  destroy(): void {
    this.#destroyed = true;
    this.#idle.length = 0;
    for (const connection of this.#all) connection.socket.destroy();
    for (const exchange of this.#waiting.splice(0)) exchange.fail('error', 'aborted by the caller');
  }

  #connect(): Connection {
    this.#open += 1;
    const socket = net.connect({ host: this.#host, port: this.#port, noDelay: true, keepAlive: true, keepAliveInitialDelay: 1000 });
    const connection: Connection = { socket, exchange: undefined, closed: false };
    this.#all.add(connection);
    socket.on('data', (data: Buffer) => {
      if (connection.exchange) connection.exchange.onData(data);
      else socket.destroy(); // an idle connection that talks is not one to send a request on
    });
    socket.on('error', (error) => connection.exchange?.onError(error));
    socket.on('end', () => socket.destroy());
    socket.on('close', () => {
      connection.closed = true;
      this.#all.delete(connection);
      this.#open -= 1;
      const at = this.#idle.indexOf(connection);
      if (at >= 0) this.#idle.splice(at, 1);
      connection.exchange?.onClose();
      this.#next();
    });
    return connection;
  }

  /** A finished exchange hands its connection back: kept for the next call, or closed. */
  #release(connection: Connection, reusable: boolean): void {
    connection.exchange = undefined;
    if (!reusable || connection.closed || this.#destroyed) {
      connection.socket.destroy();
      return;
    }
    const waiting = this.#waiting.shift();
    if (waiting) return waiting.start(connection, true);
    // idle connections do not keep the process alive (as Node's agent does with free sockets)
    connection.socket.unref();
    this.#idle.push(connection);
  }

  /** A connection closed: a waiting exchange may open a new one. */
  #next(): void {
    if (this.#destroyed || this.#open >= this.#maxSockets) return;
    const waiting = this.#waiting.shift();
    if (waiting) waiting.start(this.#connect(), false);
  }
}

/** One request/answer on one connection. */
class Exchange {
  readonly #request: KeepAlivePost;
  readonly #wire: string;
  readonly #resolve: (outcome: BoundedOutcome) => void;
  readonly #release: (connection: Connection, reusable: boolean) => void;
  readonly #start = performance.now();
  readonly #timing: ExchangeTiming = { startedAt: new Date().toISOString(), totalMs: 0 };
  readonly #timer: NodeJS.Timeout;
  readonly #onAbort = (): void => this.fail('error', 'aborted by the caller');
  #connection: Connection | undefined;
  #parser: HttpAnswerParser | undefined;
  #head: AnswerHead | undefined;
  #chunks: Buffer[] = [];
  #kept = 0;
  #received = 0;
  #settled = false;
  /** set while the exchange waits for a free connection */
  onGiveUp: (() => void) | undefined;

  constructor(request: KeepAlivePost, wire: string, resolve: (outcome: BoundedOutcome) => void, release: (connection: Connection, reusable: boolean) => void) {
    this.#request = request;
    this.#wire = wire;
    this.#resolve = resolve;
    this.#release = release;
    this.#timer = setTimeout(() => this.fail('timeout', `no complete answer within ${request.timeoutMs} ms (${this.#progress()})`), request.timeoutMs);
    if (request.signal?.aborted) queueMicrotask(this.#onAbort);
    else request.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  start(connection: Connection, connected: boolean): void {
    if (this.#settled) return void this.#release(connection, true);
    this.onGiveUp = undefined;
    this.#connection = connection;
    connection.exchange = this;
    connection.socket.ref();
    if (connected) this.#timing.connectMs = this.#elapsed();
    else connection.socket.once('connect', () => (this.#timing.connectMs ??= this.#elapsed()));
    this.#parser = new HttpAnswerParser({
      head: (head) => {
        this.#timing.headersMs = this.#elapsed();
        this.#head = head;
      },
      body: (chunk) => this.#body(chunk),
      end: (reusable) => this.#answer(false, reusable),
    });
    connection.socket.write(this.#wire, 'utf8');
  }

  onData(data: Buffer): void {
    if (this.#settled) return;
    try {
      this.#parser?.write(data);
    } catch (error) {
      if (!(error instanceof HttpParseError)) throw error;
      const classified = classifyNetworkError(error);
      this.fail(classified.kind, classified.message, classified.code);
    }
  }

  onError(error: Error): void {
    if (this.#head) return this.fail('closed', `the answer broke off after ${this.#received} body bytes (aborted)`, 'ECONNRESET');
    const classified = classifyNetworkError(error);
    this.fail(classified.kind, classified.message, classified.code);
  }

  onClose(): void {
    if (this.#settled) return;
    // an answer framed by the end of the connection is complete now
    if (this.#parser?.close()) return;
    if (this.#head) this.fail('closed', `the answer broke off after ${this.#received} body bytes (aborted)`, 'ECONNRESET');
    else this.fail('closed', 'the peer closed the connection without answering', 'ECONNRESET');
  }

  fail(kind: FailedOutcome['kind'], message: string, code?: string): void {
    const outcome: Omit<FailedOutcome, 'timing'> = { kind, message };
    if (code !== undefined) outcome.code = code;
    if (this.#head) outcome.partial = { status: this.#head.status, bodyBytes: this.#received };
    this.#finish(outcome, false);
  }

  #body(chunk: Buffer): void {
    this.#received += chunk.length;
    const max = this.#request.maxBodyBytes;
    if (this.#kept < max) {
      const part = chunk.subarray(0, max - this.#kept);
      this.#chunks.push(part);
      this.#kept += part.length;
    }
    if (this.#received > max) this.#answer(true, false);
  }

  #answer(truncated: boolean, reusable: boolean): void {
    const head = this.#head;
    if (!head) return;
    const outcome: Omit<AnsweredOutcome, 'timing'> = {
      kind: 'answered',
      status: head.status,
      statusMessage: head.statusMessage,
      headers: head.headers,
      bodyBytes: (this.#chunks.length === 1 ? this.#chunks[0] : undefined) ?? Buffer.concat(this.#chunks, this.#kept),
      truncated,
    };
    this.#finish(outcome, reusable && !truncated);
  }

  #finish(outcome: Omit<AnsweredOutcome, 'timing'> | Omit<FailedOutcome, 'timing'>, reusable: boolean): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#request.signal?.removeEventListener('abort', this.#onAbort);
    this.onGiveUp?.();
    this.#timing.totalMs = this.#elapsed();
    const connection = this.#connection;
    if (connection) this.#release(connection, reusable);
    this.#resolve({ ...outcome, timing: this.#timing });
  }

  #elapsed(): number {
    return Math.round((performance.now() - this.#start) * 10) / 10;
  }

  #progress(): string {
    return this.#timing.headersMs === undefined
      ? this.#timing.connectMs === undefined
        ? 'not connected'
        : 'connected, no headers'
      : `headers after ${Math.round(this.#timing.headersMs)} ms, ${this.#received} body bytes`;
  }
}
