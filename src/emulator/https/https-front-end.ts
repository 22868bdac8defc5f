import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { EmulatorCore } from '../core/emulator-core.js';
import { MAX_MESSAGE_BYTES } from '../dps-limits.js';
import type { EmulatorTls } from '../tls/emulator-tls.js';
import { peerCertificateChain, REQUEST_CLIENT_CERTIFICATE } from '../x509/peer-certificate.js';
import { TLSSocket } from 'node:tls';
import { readBoundedBody } from './read-bounded-body.js';
import { routeHttpsRequest } from './route-https-request.js';
import { writeHttpsReply } from './write-https-reply.js';
import { destroyFailedHandshakes, type ConnectionTimeouts } from '../connection-timeouts.js';

export interface HttpsFrontEndOptions {
  core: EmulatorCore;
  tls: EmulatorTls;
  timeouts: ConnectionTimeouts;
  signal: AbortSignal;
  /** WebSocket upgrades (MQTT over WebSocket shares the HTTPS port) */
  onUpgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

/**
 * The HTTPS front end: parse (route + bounded body) -> one core call -> write. It holds no DPS logic,
 * so a fix to the protocol lands in the core once for both transports (msw's handler pipeline, `src/core/handlers/RequestHandler.ts`).
 */
export function createHttpsFrontEnd(options: HttpsFrontEndOptions): Server {
  const { handshakeMs, firstRequestMs } = options.timeouts;
  const server = createServer(
    {
      cert: options.tls.certPem,
      key: options.tls.keyPem,
      ...REQUEST_CLIENT_CERTIFICATE,
      handshakeTimeout: handshakeMs,
      // how often Node looks for connections past headersTimeout (default 30 s, which would add up to that much)
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(firstRequestMs / 4))),
    },
    (request, response) => {
      handleExchange(options, request, response).catch(() => response.socket?.destroy());
    },
  );
  // a client that fails the handshake (no CA, wrong protocol, silence) is its own problem: its socket goes
  destroyFailedHandshakes(server);
  // and what the device did, though no registration was named yet: recorded
  server.on('tlsClientError', (error: Error) => options.core.context.connections.handshakeFailed('https', error));
  // a connection that finished TLS must send a request's headers within this (a keep-alive one its next)
  server.headersTimeout = firstRequestMs;
  server.requestTimeout = Math.max(server.requestTimeout, firstRequestMs + 1);
  server.on('clientError', (error, socket) => answerUnparseable(options.core, error, socket));
  if (options.onUpgrade) server.on('upgrade', options.onUpgrade);
  return server;
}

/** Errors of a connection that said nothing, or left: nothing to record or answer, only a socket to free. */
const SILENT_ENDS = new Set(['ERR_HTTP_REQUEST_TIMEOUT', 'ECONNRESET', 'EPIPE']);

/** Bytes that are not HTTP: recorded, and answered with a bare DPS 400 if the policy says answer. */
function answerUnparseable(core: EmulatorCore, error: Error, socket: Duplex): void {
  if (SILENT_ENDS.has(String((error as NodeJS.ErrnoException).code))) {
    socket.destroy();
    return;
  }
  const reply = core.handle({ kind: 'unexpected', frontEnd: 'https', wire: { method: '', path: '', headers: {} }, receivedAt: Date.now(), reason: 'malformed-http', detail: error.message });
  if (reply.kind !== 'answer' || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = reply.bodyText ?? '';
  // destroyed once written: a peer that never reads or closes must not keep it half-open
  socket.end(`HTTP/1.1 ${reply.status} Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`, () => socket.destroy());
}

async function handleExchange(options: HttpsFrontEndOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBoundedBody(request, MAX_MESSAGE_BYTES);
  if (!body.ok && !body.tooLarge) return; // the client went away mid-body: nobody to answer
  const coreRequest = routeHttpsRequest({
    method: request.method ?? '',
    url: request.url ?? '/',
    headers: request.headers,
    body: body.ok ? body : { ok: false, tooLarge: true, detail: `${body.bytes} bytes > ${MAX_MESSAGE_BYTES}` },
    receivedAt: Date.now(),
    clientCertificate: request.socket instanceof TLSSocket ? peerCertificateChain(request.socket) : undefined,
  });
  const hold = options.core.holdBefore(coreRequest);
  if (hold) await hold;
  const reply = options.core.handle(coreRequest);
  if (!body.ok) response.setHeader('connection', 'close');
  const location = coreRequest.kind === 'register' ? `https://${request.headers.host ?? 'localhost'}/${coreRequest.idScope}/registrations/${coreRequest.registrationId}/register` : undefined;
  await writeHttpsReply(response, reply, location, options.signal);
}
