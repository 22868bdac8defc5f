import { createServer, type Server } from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import { Aedes } from 'aedes';
import { loadOrGenerateTls } from '../src/emulator/tls/emulator-tls.js';

/**
 * The bare MQTT baseline: a plain aedes broker over TLS that accepts any CONNECT and answers each
 * publish on `$dps/registrations/PUT|GET/...?$rid=N` with a fixed reply on
 * `$dps/registrations/res/{202|200}/?$rid=N` to that client: the same exchanges, no DPS logic.
 */
export async function startBareMqttBroker(): Promise<{ port: number; caPem: string; close(): Promise<void> }> {
  const tls = await loadOrGenerateTls();
  const broker = await Aedes.createBroker();
  let counter = 0;
  broker.authorizePublish = (client, packet, done) => {
    done(null);
    if (!client) return;
    const q = packet.topic.indexOf('?');
    const rid = new URLSearchParams(packet.topic.slice(q + 1)).get('$rid') ?? '';
    const register = packet.topic.startsWith('$dps/registrations/PUT/');
    const operationId = `4.0000000000000000.${(counter += 1)}`;
    const body = register
      ? { operationId, status: 'assigning' }
      : { operationId, status: 'assigned', registrationState: { registrationId: client.id, assignedHub: 'dpsc-hub-1.azure-devices.net', deviceId: client.id, status: 'assigned', substatus: 'initialAssignment' } };
    const topic = `$dps/registrations/res/${register ? 202 : 200}/?$rid=${rid}${register ? '&retry-after=0' : ''}`;
    client.publish({ cmd: 'publish', topic, payload: Buffer.from(JSON.stringify(body)), qos: 1, retain: false, dup: false }, () => undefined);
  };
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (socket) => {
    socket.setNoDelay(true);
    broker.handle(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const sockets = new Set<Socket>();
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    port: (server.address() as AddressInfo).port,
    caPem: tls.caPem,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
