import { Client, Pool, type Dispatcher } from 'undici';

/** Trusted CA certificates (PEM) for https peers; server certificates are always verified. */
export type ExtraCa = string | Buffer | Array<string | Buffer>;

/** Seen by a pooled exchange: how many answers the connection carrying it had already completed. */
export interface CarryingConnection {
  /** complete answers read on this client's current connection; 0 on a freshly opened one */
  answeredOnConnection: number;
}

/** An exchange that wants to know which client carries it. */
export interface CarriedHandler extends Dispatcher.DispatchHandler {
  carriedBy(client: CarryingConnection): void;
}

/** One dispatch's options -> the exchange sent with them. */
const carriers = new WeakMap<Dispatcher.DispatchOptions, CarriedHandler>();

/**
 * undici's one-connection client, counting the answers completed on its current connection, so an
 * exchange that fails can tell a reused keep-alive connection (the server may have closed it while
 * the request was on its way) from a fresh one.
 */
class AnswerCountingClient extends Client implements CarryingConnection {
  answeredOnConnection = 0;

  constructor(origin: URL, options: Client.Options) {
    super(origin, options);
    // emitted before the requests queued on this client are written on the new connection
    this.on('connect', () => {
      this.answeredOnConnection = 0;
    });
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    carriers.get(options)?.carriedBy(this);
    return super.dispatch(options, handler);
  }
}

/** Options every connection of the harness shares, pooled or not. */
export function clientOptions(ca: ExtraCa | undefined, connectTimeoutMs: number): Client.Options {
  return {
    // the exchange's own timer bounds it whole (bounded-request.ts); undici's idle timers are off
    headersTimeout: 0,
    bodyTimeout: 0,
    connect: { rejectUnauthorized: true, timeout: connectTimeoutMs, ...(ca === undefined ? {} : { ca }) },
  };
}

export interface ConnectionPoolOptions {
  /** most connections open at once; calls beyond wait for one */
  connections: number;
  /** https only: extra trusted CA certificates (PEM) */
  ca?: ExtraCa;
  /** longest a connection may take to open (default 30 000 ms); the exchange's own timeout still applies */
  connectTimeoutMs?: number;
}

/**
 * Keep-alive connections to one origin (undici's Pool). undici honours the server's `Keep-Alive:
 * timeout=N` hint (it stops reusing a connection 2 s before the server would close it, and at once
 * when the hint is shorter); without a hint an idle connection is kept 4 s. A server may still close
 * an idle connection just as a request is written on it: `boundedRequest` then sends the request
 * again on a connection of its own (`single`), once.
 */
export class ConnectionPool {
  readonly origin: URL;
  readonly #options: Client.Options;
  readonly #pool: Pool;

  constructor(url: URL, options: ConnectionPoolOptions) {
    this.origin = new URL(url.origin);
    this.#options = clientOptions(options.ca, options.connectTimeoutMs ?? 30_000);
    this.#pool = new Pool(this.origin, {
      ...this.#options,
      connections: Math.max(1, options.connections),
      factory: (origin, opts) => new AnswerCountingClient(origin, opts),
    });
  }

  /** Sends on a pooled connection; the handler hears which client carries it, before it is written. */
  dispatch(options: Dispatcher.DispatchOptions, handler: CarriedHandler): void {
    carriers.set(options, handler);
    this.#pool.dispatch(options, handler);
  }

  /** A client with one connection of its own, for one exchange; the caller destroys it. */
  single(): Client {
    return new Client(this.origin, this.#options);
  }

  /** Closes every connection; exchanges still running end as failed. */
  destroy(): void {
    this.#pool.destroy().catch(() => undefined);
  }
}
