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

export interface HttpsFrontEndOptions {
  core: EmulatorCore;
  tls: EmulatorTls;
  signal: AbortSignal;
  /** WebSocket upgrades (MQTT over WebSocket shares the HTTPS port) */
  onUpgrade?: (request: IncomingMessage, socket: Duplex, head: Buffer) => void;
}

/**
 * The HTTPS front end: parse (route + bounded body) -> one core call -> write. It holds no DPS logic,
 * so a fix to the protocol lands in the core once for both transports (msw's handler pipeline, `src/core/handlers/RequestHandler.ts`).
 */
export function createHttpsFrontEnd(options: HttpsFrontEndOptions): Server {
  const server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem, ...REQUEST_CLIENT_CERTIFICATE }, (request, response) => {
    handleExchange(options, request, response).catch(() => response.socket?.destroy());
  });
  // a failed handshake is the device's problem (never a crash), but it is what the device did: recorded
  server.on('tlsClientError', (error: Error) => options.core.context.connections.handshakeFailed('https', error));
  server.on('clientError', (error, socket) => answerUnparseable(options.core, error, socket));
  if (options.onUpgrade) server.on('upgrade', options.onUpgrade);
  return server;
}

/** Bytes that are not HTTP: recorded, and answered with a bare DPS 400 if the policy says answer. */
function answerUnparseable(core: EmulatorCore, error: Error, socket: Duplex): void {
  const reply = core.handle({ kind: 'unexpected', frontEnd: 'https', wire: { method: '', path: '', headers: {} }, receivedAt: Date.now(), reason: 'malformed-http', detail: error.message });
  if (reply.kind !== 'answer' || !socket.writable) {
    socket.destroy();
    return;
  }
  const body = reply.bodyText ?? '';
  socket.end(`HTTP/1.1 ${reply.status} Bad Request\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
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
