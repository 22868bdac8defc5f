import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The bare webhook: a plain `node:http` server that answers every allocation request with the first
 * of its linked hubs, and nothing else (no dialect, no echo, no initial twin). What `load` judges
 * correct, at the least cost a server can have.
 */
export async function startBareWebhook(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let hub = '';
      try {
        const hubs = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { linkedHubs?: unknown }).linkedHubs;
        if (Array.isArray(hubs) && typeof hubs[0] === 'string') hub = hubs[0];
      } catch {
        // answered without a hub: the load run counts it as an error
      }
      const text = JSON.stringify({ iotHubHostName: hub });
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/allocate`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
