import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the stand-in saw it. */
export interface BrokerRequest {
  method: string;
  /** the full URL, as the client addressed it */
  url: string;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
  text: string;
  json(): unknown;
}

export interface BrokerAnswer {
  status?: number;
  statusText?: string;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

type Route = { method: string; pattern: RegExp; names: string[]; handle: (request: BrokerRequest) => BrokerAnswer };

/**
 * A Pact Broker stand-in on a real loopback HTTP server: routes by method and path pattern
 * (`/pacts/provider/:provider/...`, relative to `base`), answers what each route returns. A request no
 * route takes is answered 599 and kept in `unhandled`, so a test can say none came.
 */
export class BrokerStandIn {
  readonly unhandled: string[] = [];
  #routes: Route[] = [];
  readonly #server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', this.origin);
      const text = Buffer.concat(chunks).toString('utf8');
      // the latest route given wins, as msw's `use` does
      for (const route of [...this.#routes].reverse()) {
        const match = route.method === req.method ? route.pattern.exec(url.pathname) : null;
        if (!match) continue;
        const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
        const answer = route.handle({ method: req.method ?? '', url: url.toString(), headers: req.headers, params, text, json: () => JSON.parse(text) as unknown });
        const body = answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? '');
        const type = answer.json !== undefined ? 'application/json' : 'text/plain';
        res.writeHead(answer.status ?? 200, answer.statusText ?? '', { 'content-type': type, ...answer.headers }).end(body);
        return;
      }
      this.unhandled.push(`${req.method ?? ''} ${url.toString()}`);
      res.writeHead(599).end();
    });
  });
  origin = '';

  /** Listens on a free loopback port; the broker's base URL is `origin` + `basePath`. */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Adds a route; `path` is absolute, with `:name` segments. */
  on(method: string, path: string, handle: (request: BrokerRequest) => BrokerAnswer): void {
    const names: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.#routes.push({ method, pattern: new RegExp(`^${source}$`), names, handle });
  }

  reset(): void {
    this.#routes = [];
    this.unhandled.length = 0;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

/**
 * The mocha hooks of a describe block that uses `server`: started before its tests; after each, no
 * request went unanswered, the routes are cleared and `afterEach` runs; closed after all.
 */
export function useBrokerStandIn(server: BrokerStandIn, afterEachTest: () => void): void {
  before(() => server.start());
  afterEach(() => {
    assert.deepEqual(server.unhandled, [], 'a request the broker stand-in has no route for');
    server.reset();
    afterEachTest();
  });
  after(() => server.close());
}
