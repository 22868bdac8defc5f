import type { Server, Socket } from 'node:net';
import { portUnavailableError } from '../errors/harness-error.js';

/**
 * Binds a server and resolves with the port it got. A port it may not use (in use, privileged,
 * address not available) becomes a harness error naming the option that chooses it.
 */
export function listenOn(server: Server, port: number, host: string, option: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(portUnavailableError(port, host, option, error));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.removeListener('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Closes a server and every connection it still has (devices may be mid-poll). */
export function closeServer(server: Server & { closeAllConnections?: () => void }, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections?.();
    for (const socket of sockets) socket.destroy();
  });
}
