import type { Server as TlsServer, TLSSocket } from 'node:tls';

/**
 * How long a connection may take to finish TLS, and then to say its first word (an HTTP request, an
 * MQTT CONNECT, AMQP authentication), before every listener of the emulator destroys it. DPS publishes
 * neither (docs/emulator-behaviour.md): a device on a slow link with slow crypto finishes a TLS
 * handshake within seconds, and its SDK speaks at once after it. Past these a silent peer is a
 * resource held for nobody, and one that never leaves must not hold it for good.
 */
export interface ConnectionTimeouts {
  /** from the TCP connection to the end of the TLS handshake (default 20 s; Node's own is 120 s) */
  handshakeMs: number;
  /** from the end of the TLS handshake (or a WebSocket upgrade) to the first request (default 30 s) */
  firstRequestMs: number;
}

export const DEFAULT_CONNECTION_TIMEOUTS: ConnectionTimeouts = { handshakeMs: 20_000, firstRequestMs: 30_000 };

/**
 * The TLS side of every listener: a handshake that fails or runs out of time destroys the socket at
 * once, so a peer that leaves mid-handshake (or never finishes it) leaves nothing behind, CLOSE-WAIT
 * included. Node calls it a `tlsClientError`; a listener on that event must still end the socket.
 */
export function destroyFailedHandshakes(server: TlsServer): void {
  server.on('tlsClientError', (_error: Error, socket: TLSSocket) => socket.destroy());
}
