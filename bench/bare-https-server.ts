import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { loadOrGenerateTls, type EmulatorTls } from '../src/emulator/tls/emulator-tls.js';

/**
 * The bare HTTPS baseline: a plain `node:https` server answering the two exchanges of a DPS
 * registration (PUT register -> 202 assigning, GET operation -> 200 assigned) with fixed bodies and
 * no DPS logic at all (no SAS check, no validation, no transcript), on the same certificate (memoised per process).
 */
export async function startBareHttpsServer(): Promise<{ port: number; caPem: string; close(): Promise<void> }> {
  const tls: EmulatorTls = await loadOrGenerateTls();
  let counter = 0;
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const registrationId = (request.url ?? '').split('/')[3] ?? '';
      const operationId = `4.0000000000000000.${(counter += 1)}`;
      const [status, body] =
        request.method === 'PUT'
          ? [202, { operationId, status: 'assigning' }]
          : [200, { operationId, status: 'assigned', registrationState: { registrationId, assignedHub: 'dpsc-hub-1.azure-devices.net', deviceId: registrationId, status: 'assigned', substatus: 'initialAssignment' } }];
      const text = JSON.stringify(body);
      const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) };
      if (status === 202) headers['retry-after'] = '0';
      response.writeHead(status, headers).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    caPem: tls.caPem,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
