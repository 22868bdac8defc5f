import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createServer, TLSSocket, type Server as TlsServer } from 'node:tls';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { EmulatorCore } from '../core/emulator-core.js';
import { MAX_MESSAGE_BYTES } from '../dps-limits.js';
import type { EmulatorTls } from '../tls/emulator-tls.js';
import { peerCertificateChain, REQUEST_CLIENT_CERTIFICATE } from '../x509/peer-certificate.js';
import { ADVERTISED_MAX_MESSAGE_BYTES, serveAmqpConnection, type AmqpErrorReply } from './amqp-connection.js';
import { destroyFailedHandshakes, type ConnectionTimeouts } from '../connection-timeouts.js';

/** The WebSocket subprotocol of AMQP over WebSocket (OASIS AMQP WebSocket binding), which the SDKs ask for. */
export const AMQP_WEBSOCKET_PROTOCOL = 'AMQPWSB10';
const WEBSOCKET_PATH = '/$iothub/websocket';

export interface AmqpFrontEnd {
  server: TlsServer;
  /** whether an HTTPS upgrade asks for AMQP over WebSocket (the `AMQPWSB10` subprotocol) */
  wantsUpgrade(request: IncomingMessage): boolean;
  /** HTTPS `upgrade` handler for AMQP over WebSocket on `/$iothub/websocket` */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export interface AmqpFrontEndOptions {
  core: EmulatorCore;
  tls: EmulatorTls;
  timeouts: ConnectionTimeouts;
  signal: AbortSignal;
  errorReply?: AmqpErrorReply;
  /** advertise `max-message-size` in ATTACH frames (default true, as Azure's AMQP services do) */
  advertiseMaxMessageSize?: boolean;
}

/**
 * The AMQP front end (rhea): AMQP 1.0 over TLS on its own port, and over WebSocket on the HTTPS
 * port. Every device message becomes the same core request as on HTTPS and MQTT; see
 * docs/protocol/amqp.md for the exchange.
 */
export function createAmqpFrontEnd(options: AmqpFrontEndOptions): AmqpFrontEnd {
  const { firstRequestMs, handshakeMs } = options.timeouts;
  const connection = {
    core: options.core,
    signal: options.signal,
    errorReply: options.errorReply ?? 'reject',
    // the device must have authenticated within this (SASL; with X.509 its first link), over TLS or WebSocket
    handshakeTimeoutMs: firstRequestMs,
    maxMessageSize: options.advertiseMaxMessageSize === false ? undefined : ADVERTISED_MAX_MESSAGE_BYTES,
  };
  const tlsOptions = { cert: options.tls.certPem, key: options.tls.keyPem, ...REQUEST_CLIENT_CERTIFICATE, handshakeTimeout: handshakeMs };
  const server = createServer(tlsOptions, (socket) => {
    socket.setNoDelay(true);
    socket.on('error', () => socket.destroy());
    serveAmqpConnection(socket, { ...connection, frontEnd: 'amqp', clientCertificate: peerCertificateChain(socket) });
  });
  // a failed or silent handshake is the client's problem: never a crash, never a socket left behind
  destroyFailedHandshakes(server);
  // and what the device did, though no registration was named yet: recorded
  server.on('tlsClientError', (error: Error) => options.core.context.connections.handshakeFailed('amqp', error));

  const webSockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES + 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(AMQP_WEBSOCKET_PROTOCOL) ? AMQP_WEBSOCKET_PROTOCOL : false),
  });
  const wantsUpgrade = (request: IncomingMessage): boolean => {
    const protocols = String(request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    return protocols.includes(AMQP_WEBSOCKET_PROTOCOL);
  };
  const handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(request.url ?? '/', 'https://emulator.invalid').pathname;
    if (path !== WEBSOCKET_PATH) {
      options.core.handle({ kind: 'unexpected', frontEnd: 'amqp-ws', wire: { amqp: 'frame', address: request.url ?? '' }, receivedAt: Date.now(), reason: 'unknown-route', detail: `WebSocket upgrade to ${request.url ?? ''}` });
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n', () => socket.destroy());
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (ws) => {
      const stream = createWebSocketStream(ws);
      stream.on('error', () => stream.destroy());
      const tlsSocket = request.socket instanceof TLSSocket ? request.socket : undefined;
      serveAmqpConnection(stream, { ...connection, frontEnd: 'amqp-ws', clientCertificate: peerCertificateChain(tlsSocket) });
    });
  };

  return {
    server,
    wantsUpgrade,
    handleUpgrade,
    close: async () => {
      for (const ws of webSockets.clients) ws.terminate();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
    },
  };
}
