import { createServer, type Server } from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import rhea from 'rhea';
import type { EventContext } from 'rhea';
import { generateEmulatorTls } from '../src/emulator/tls/emulator-tls.js';

/**
 * The bare AMQP baseline: a plain rhea container over TLS that takes any SASL PLAIN user and answers
 * each message on the device's receiver link with a fixed reply (register: `assigning`, anything else:
 * `assigned`) carrying the request's correlation-id: the same exchanges, no DPS logic.
 */
export async function startBareAmqpServer(): Promise<{ port: number; caPem: string; close(): Promise<void> }> {
  const tls = await generateEmulatorTls();
  const container = rhea.create_container({ id: 'bare-amqp' });
  // rhea types the mechanism table as any; enable_plain is its documented way to take PLAIN
  (container.sasl_server_mechanisms as { enable_plain(check: () => boolean): void }).enable_plain(() => true);
  for (const event of ['error', 'disconnected', 'connection_error', 'protocol_error']) container.on(event, () => undefined);
  let counter = 0;
  container.on('message', (context: EventContext) => {
    const message = context.message;
    if (!message) return;
    const properties = (message.application_properties ?? {}) as Record<string, unknown>;
    const register = properties['iotdps-operation-type'] === 'iotdps-register';
    const operationId = `4.0000000000000000.${(counter += 1)}`;
    const body = register ? { operationId, status: 'assigning' } : { operationId, status: 'assigned', registrationState: { assignedHub: 'dpsc-hub-1.azure-devices.net', status: 'assigned', substatus: 'initialAssignment' } };
    const sender = context.connection.find_sender(() => true);
    sender?.send({ correlation_id: message.correlation_id ?? '', application_properties: register ? { 'retry-after': '0' } : {}, body: rhea.message.data_section(Buffer.from(JSON.stringify(body))) as unknown });
    context.delivery?.accept();
  });
  const sockets = new Set<Socket>();
  const server: Server = createServer({ cert: tls.certPem, key: tls.keyPem }, (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // the same hand-over as the emulator (rhea's WebSocket-shaped accept), so only the DPS logic differs
    const shape = { url: 'bare', send: (d: Buffer) => socket.write(d), close: () => socket.end(), onmessage: undefined as ((e: { data: Buffer }) => void) | undefined, onclose: undefined as (() => void) | undefined, onerror: undefined as ((e: unknown) => void) | undefined };
    socket.on('data', (data: Buffer) => shape.onmessage?.({ data }));
    socket.on('close', () => shape.onclose?.());
    (container.websocket_accept.bind(container) as unknown as (s: typeof shape, o: object) => void)(shape, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    caPem: tls.caPem,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
