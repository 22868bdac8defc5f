import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { allocate } from './allocate.js';

export interface ReferenceWebhookOptions {
  /** default 0: a free port */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** when set, a request must carry it as `?code=` (as DPS sends it) or `x-functions-key`, else 401 */
  functionKey?: string;
}

export interface RunningWebhook {
  /** `http://host:port/api/allocate` (any path answers) */
  url: string;
  close(): Promise<void>;
}

/** Requests larger than this are refused with 413: DPS's own messages stay under 96 KB. */
const MAX_REQUEST_BYTES = 1024 * 1024;

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** The request target's query parameters; undefined without a query (no URL parsed, the common case). */
function queryOf(target: string): URLSearchParams | undefined {
  return target.includes('?') ? new URL(target, 'http://localhost').searchParams : undefined;
}

function handle(request: IncomingMessage, response: ServerResponse, functionKey: string | undefined): void {
  const query = queryOf(request.url ?? '/');
  if (request.method !== 'POST') return send(response, 405, 'text/plain', 'POST an allocation request');
  const header = request.headers['x-functions-key'];
  const given = query?.get('code') ?? (typeof header === 'string' ? header : undefined);
  const authorised = functionKey === undefined || sameSecret(given, functionKey);
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) {
      send(response, 413, 'text/plain', 'request too large');
      request.destroy();
    } else chunks.push(chunk);
  });
  request.on('end', () => {
    if (response.headersSent) return;
    // the body is read even when the key is wrong, so the caller sees the 401 rather than a broken pipe
    if (!authorised) return send(response, 401, 'text/plain', 'missing or wrong function key');
    const answer = allocate(Buffer.concat(chunks).toString('utf8'), query?.get('dialect') ?? null);
    send(response, answer.status, answer.contentType, answer.text);
  });
}

/**
 * Starts the reference custom allocation webhook: correct for both dialects, dialect detected per
 * request (see detect-dialect.ts). Resolves once it listens.
 */
export async function startReferenceWebhook(options: ReferenceWebhookOptions = {}): Promise<RunningWebhook> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => handle(request, response, options.functionKey));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}/api/allocate`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
