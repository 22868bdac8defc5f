import { connect as tlsConnect } from 'node:tls';
import rhea from 'rhea';
import type { Connection, ConnectionOptions, EventContext, Receiver, Sender } from 'rhea';
import WebSocket from 'ws';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { sasFor } from './device.js';

/** What the emulator answered to one AMQP request: a message, or the rejection of the delivery. */
export type AmqpAnswer =
  | { kind: 'message'; json: Record<string, unknown>; text: string; properties: Record<string, unknown>; correlationId: unknown }
  | { kind: 'rejected'; condition: string; description: string; info: Record<string, unknown> };

export interface AmqpDevice {
  connection: Connection;
  sender: Sender;
  receiver: Receiver;
  /** sends one message and waits for the answer with its correlation-id, or its rejection */
  request(properties: Record<string, unknown>, body: unknown, options?: { correlationId?: string; ms?: number }): Promise<AmqpAnswer>;
  close(): Promise<void>;
  /** ends the transport with no AMQP close and no WebSocket close frame, as a process that dies does */
  cut(): void;
  /** over WebSocket: writes bytes to the TLS connection under the WebSocket layer, as a device's own framing code does */
  writeUnderWebSocket(bytes: Buffer): void;
}

export interface AmqpConnectOptions {
  overWebSocket?: boolean;
  username?: string;
  password?: string;
  /** attach links on this address (default the registration's) */
  address?: string;
  ms?: number;
}

/** The data section rhea sends for a text body. */
export function dataBody(text: string): unknown {
  return rhea.message.data_section(Buffer.from(text, 'utf8')) as unknown;
}

function waitFor(target: Connection | Sender | Receiver, events: string[], ms: number): Promise<{ event: string; context?: EventContext }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ event: 'timeout' }), ms);
    for (const event of events) {
      target.once(event, (context: EventContext) => {
        clearTimeout(timer);
        resolve({ event, context });
      });
    }
  });
}

/** Opens an rhea connection to the emulator; resolves with `{refused}` when SASL or the links fail. */
export async function openAmqp(emulator: RunningEmulator, registrationId: string, options: AmqpConnectOptions = {}): Promise<AmqpDevice | { refused: string }> {
  const container = rhea.create_container();
  for (const event of ['error', 'disconnected', 'connection_error']) container.on(event, () => undefined);
  const address = options.address ?? `${emulator.idScope}/registrations/${registrationId}`;
  const connectionOptions: ConnectionOptions = {
    host: emulator.host,
    port: emulator.amqpPort,
    username: options.username ?? `${emulator.idScope}/registrations/${registrationId}`,
    password: options.password ?? sasFor(emulator, registrationId),
    reconnect: false,
    connection_details: () => ({
      host: emulator.host,
      port: emulator.amqpPort,
      connect: (port: number, host: string, _o: unknown, callback: () => void) => tlsConnect({ host, port, ca: emulator.caPem, servername: 'localhost' }, callback),
    }),
  };
  // rhea's WebSocket wrapper hides the WebSocket: keep it, to cut the connection under the AMQP layer
  let webSocket: WebSocket | undefined;
  const KeptWebSocket = new Proxy(WebSocket, {
    construct: (target, args: ConstructorParameters<typeof WebSocket>) => (webSocket = new target(...args)),
  });
  if (options.overWebSocket) {
    const ws = container.websocket_connect(KeptWebSocket) as unknown as (url: string, protocols: string[], o: object) => NonNullable<ConnectionOptions['connection_details']>;
    connectionOptions.connection_details = ws(`wss://localhost:${emulator.httpsPort}/$iothub/websocket`, ['AMQPWSB10'], { ca: emulator.caPem });
  }
  const connection = container.connect(connectionOptions);
  const properties = { 'com.microsoft:api-version': '2019-03-31', 'com.microsoft:client-version': 'dps-conformance-test/1' };
  const receiver = connection.open_receiver({ source: { address }, properties });
  const sender = connection.open_sender({ target: { address }, properties });
  const ms = options.ms ?? 5_000;
  const outcome = await Promise.race([
    Promise.all([waitFor(receiver, ['receiver_open', 'receiver_close'], ms), waitFor(sender, ['sender_open', 'sender_close'], ms)]).then((r) => r.find((x) => !x.event.endsWith('_open'))?.event ?? 'open'),
    waitFor(connection, ['disconnected', 'connection_close', 'connection_error'], ms).then((r) => `${r.event}: ${String((r.context?.connection?.error as { condition?: string } | undefined)?.condition ?? '')}`),
  ]);
  if (outcome !== 'open') {
    connection.close();
    return { refused: outcome };
  }
  const waiting = new Map<string, (answer: AmqpAnswer) => void>();
  receiver.on('message', (context: EventContext) => {
    const message = context.message;
    if (!message) return;
    const id = String(message.correlation_id);
    const body = message.body as { content?: Buffer } | string;
    const text = typeof body === 'string' ? body : (body.content?.toString('utf8') ?? '');
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // kept as text
    }
    waiting.get(id)?.({ kind: 'message', json, text, properties: (message.application_properties ?? {}) as Record<string, unknown>, correlationId: message.correlation_id });
    waiting.delete(id);
  });
  let counter = 0;
  return {
    connection,
    sender,
    receiver,
    request: (props, body, requestOptions = {}) =>
      new Promise((resolve, reject) => {
        counter += 1;
        const correlationId = requestOptions.correlationId ?? `c-${counter}`;
        const timer = setTimeout(() => reject(new Error(`no AMQP answer to ${correlationId}`)), requestOptions.ms ?? 5_000);
        waiting.set(correlationId, (answer) => {
          clearTimeout(timer);
          resolve(answer);
        });
        const delivery = sender.send({ correlation_id: correlationId, application_properties: props, body });
        const onRejected = (context: EventContext): void => {
          if (context.delivery !== delivery) return;
          sender.removeListener('rejected', onRejected);
          clearTimeout(timer);
          waiting.delete(correlationId);
          type Rejected = { remote_state?: { error?: { condition?: string; description?: string; info?: Record<string, unknown> } } };
          const error = (context.delivery as Rejected).remote_state?.error;
          resolve({ kind: 'rejected', condition: error?.condition ?? '', description: error?.description ?? '', info: error?.info ?? {} });
        };
        sender.on('rejected', onRejected);
      }),
    close: async () => {
      connection.close();
      await waitFor(connection, ['connection_close', 'disconnected'], 1_000);
    },
    cut: () => {
      if (webSocket) webSocket.terminate();
      else (connection as unknown as { socket?: { destroy(): void } }).socket?.destroy();
    },
    writeUnderWebSocket: (bytes) => {
      if (!webSocket) throw new Error('not connected over WebSocket');
      socketUnder(webSocket).write(bytes);
    },
  };
}

/** The TLS connection a `ws` WebSocket writes its frames to (ws keeps it as `_socket`). */
export function socketUnder(webSocket: WebSocket): { write(bytes: Buffer): boolean } {
  return (webSocket as unknown as { _socket: { write(bytes: Buffer): boolean } })._socket;
}

/** Register, then poll until the answer is not `assigning`; every answer in order. */
export async function registerOverAmqp(device: AmqpDevice, body: string): Promise<AmqpAnswer[]> {
  const answers = [await device.request({ 'iotdps-operation-type': 'iotdps-register' }, dataBody(body))];
  for (let i = 0; i < 20; i += 1) {
    const last = answers[answers.length - 1];
    if (last?.kind !== 'message' || last.json['status'] !== 'assigning') break;
    answers.push(await device.request({ 'iotdps-operation-type': 'iotdps-get-operationstatus', 'iotdps-operation-id': String(last.json['operationId']) }, ''));
  }
  return answers;
}
