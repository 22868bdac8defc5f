import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import rhea from 'rhea';
import type { Connection, ConnectionOptions, EventContext, Message, Receiver, Sender } from 'rhea';
import WebSocket from 'ws';
import type { DeviceRegistration, DpsAnswer, DpsChannel } from './device-types.js';
import { DeviceError } from './device-types.js';
import { API_VERSION, parseRetryAfter } from './https-channel.js';
import { clientTlsIdentity } from './client-identity.js';
import { registrationSasToken } from './sas-token.js';

const CLIENT_VERSION = 'dps-conformance-reference-device/1';
const REGISTER = 'iotdps-register';
const OPERATION_STATUS = 'iotdps-get-operationstatus';
const CLOSE_WAIT_MS = 1000;

/** A data section holding the text as UTF-8 (rhea types the section as `any`). */
function dataSection(text: string): unknown {
  return rhea.message.data_section(Buffer.from(text, 'utf8')) as unknown;
}

/** HTTP-like status for an AMQP error condition, when the rejection carries no `iotdps-status`. */
function statusOfCondition(condition: string | undefined): number {
  switch (condition) {
    case 'amqp:unauthorized-access':
      return 401;
    case 'amqp:not-found':
      return 404;
    case 'com.microsoft:device-container-throttled':
      return 429;
    case 'amqp:internal-error':
      return 500;
    default:
      return 400;
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The body of an answer message: a data section (what DPS sends), or a string. */
function bodyOf(message: Message): string {
  const body: unknown = message.body;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  if (body && typeof body === 'object' && 'content' in body && Buffer.isBuffer(body.content)) return body.content.toString('utf8');
  return '';
}

/** A rejected request as the answer DPS gave: status, error body and Retry-After from the AMQP error. */
function answerOfRejection(error: { condition?: string; description?: string; info?: Record<string, unknown> } | undefined): DpsAnswer {
  const info = error?.info ?? {};
  const status = typeof info['iotdps-status'] === 'number' ? info['iotdps-status'] : statusOfCondition(error?.condition);
  const body: Record<string, unknown> = { message: error?.description ?? error?.condition ?? 'rejected' };
  if (typeof info['iotdps-error-code'] === 'number') body['errorCode'] = info['iotdps-error-code'];
  const answer: DpsAnswer = { status, bodyText: JSON.stringify(body) };
  const retryAfter = parseRetryAfter(text(info['retry-after']));
  if (retryAfter !== undefined) answer.retryAfterSeconds = retryAfter;
  return answer;
}

/** An answer message as the answer DPS gave (202 while assigning, else 200, unless it names its status). */
function answerOfMessage(message: Message): DpsAnswer {
  const properties = (message.application_properties ?? {}) as Record<string, unknown>;
  const bodyText = bodyOf(message);
  let status = typeof properties['iotdps-status'] === 'number' ? properties['iotdps-status'] : 200;
  if (status === 200 && /"status"\s*:\s*"assigning"/.test(bodyText)) status = 202;
  const answer: DpsAnswer = { status, bodyText };
  const retryAfter = parseRetryAfter(text(properties['retry-after']));
  if (retryAfter !== undefined) answer.retryAfterSeconds = retryAfter;
  return answer;
}

/** Waits for the first of `events` on an rhea endpoint, `ms`, or `signal`. */
function once(
  target: Connection | Sender | Receiver,
  events: readonly string[],
  ms: number,
  signal?: AbortSignal,
): Promise<{ event: string; context: EventContext | undefined }> {
  return new Promise((resolve) => {
    const handlers = new Map<string, (context: EventContext) => void>();
    const finish = (event: string, context: EventContext | undefined): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      for (const [name, handler] of handlers) target.removeListener(name, handler);
      resolve({ event, context });
    };
    const onAbort = (): void => finish('aborted', undefined);
    const timer = setTimeout(() => finish('timeout', undefined), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
    for (const event of events) {
      const handler = (context: EventContext): void => finish(event, context);
      handlers.set(event, handler);
      target.once(event, handler);
    }
  });
}

/**
 * DPS over AMQP 1.0 (docs/protocol/amqp.md), over TLS on the AMQP port or over a WebSocket
 * (`/$iothub/websocket`, subprotocol `AMQPWSB10`) on the HTTPS port, with rhea. SASL PLAIN: user name
 * `{idScope}/registrations/{id}`, password the SAS. One receiver and one sender link on that address;
 * requests carry `iotdps-operation-type` (and `iotdps-operation-id`), answers come back on the receiver
 * with the request's correlation-id; an error answer is the rejection of the request's delivery.
 */
export async function openAmqpChannel(reg: DeviceRegistration, timeoutMs: number): Promise<DpsChannel> {
  const expiry = Math.ceil(Date.now() / 1000) + 3600;
  const identity = `${reg.idScope}/registrations/${reg.registrationId}`;
  const address = reg.amqpAddress ?? identity;
  const container = rhea.create_container({ id: `dps-reference-${randomUUID()}` });
  const overWebSocket = reg.transport === 'amqp-ws';
  const options: ConnectionOptions = {
    host: reg.host,
    port: overWebSocket ? reg.httpsPort : reg.amqpPort,
    // X.509: no SASL at all, the TLS client certificate attests (as the Node and C SDKs do)
    ...(reg.x509 ? {} : { username: identity, password: registrationSasToken(reg.idScope, reg.registrationId, reg.deviceKey, expiry) }),
    reconnect: false,
    idle_time_out: 0,
  };
  // our own TLS connect: rhea would set the server name to the host even when it is an IP address,
  // which TLS forbids (RFC 6066); without one the certificate is checked against the host
  const tlsOptions = { ca: reg.caPem, rejectUnauthorized: true, ...(isIP(reg.host) ? {} : { servername: reg.host }), ...clientTlsIdentity(reg) };
  options.connection_details = () => ({
    host: reg.host,
    port: reg.amqpPort,
    connect: (port: number, host: string, _options: unknown, callback: () => void) => tlsConnect({ ...tlsOptions, host, port }, callback),
  });
  if (overWebSocket) {
    // rhea's typings say connect() returns details; it returns a function of the attempt count that does
    const connect = container.websocket_connect(WebSocket) as unknown as (url: string, protocols: string[], options: object) => NonNullable<ConnectionOptions['connection_details']>;
    options.connection_details = connect(`wss://${reg.host}:${reg.httpsPort}/$iothub/websocket`, ['AMQPWSB10'], { ca: reg.caPem, ...clientTlsIdentity(reg) });
  }
  const connection = container.connect(options);
  // rhea raises these on the container too; unhandled they would throw or be logged
  for (const event of ['error', 'disconnected', 'connection_error']) container.on(event, () => undefined);
  const linkProperties = { 'com.microsoft:api-version': API_VERSION, 'com.microsoft:client-version': CLIENT_VERSION };
  const receiver = connection.open_receiver({ source: { address }, properties: linkProperties, autoaccept: true, credit_window: 10 });
  const sender = connection.open_sender({ target: { address }, properties: linkProperties });

  const failure = (context: EventContext | undefined, what: string): DeviceError => {
    const error = (context?.connection?.error ?? context?.error) as { condition?: string; description?: string; message?: string } | undefined;
    const condition = error?.condition;
    const detail = error?.description ?? error?.message ?? condition ?? what;
    return new DeviceError(`AMQP ${what}: ${detail}`, condition === 'amqp:unauthorized-access' ? 401 : undefined);
  };
  // both links open, or the connection fails first (a refused SASL ends it)
  const settled = new AbortController();
  const links = Promise.all([once(receiver, ['receiver_open', 'receiver_close'], timeoutMs), once(sender, ['sender_open', 'sender_close'], timeoutMs)]);
  const outcome = await Promise.race([
    links.then((results) => results.find((r) => !r.event.endsWith('_open')) ?? { event: 'open', context: undefined }),
    once(connection, ['disconnected', 'connection_error', 'connection_close'], timeoutMs, settled.signal),
  ]);
  settled.abort();
  if (outcome.event !== 'open') {
    connection.close();
    throw failure(outcome.context, outcome.event === 'timeout' ? 'connection did not open in time' : `connection failed (${outcome.event})`);
  }

  const waiting = new Map<string, { resolve: (answer: DpsAnswer) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error): void => {
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };
  receiver.on('message', (context: EventContext) => {
    if (!context.message) return;
    const id = text(context.message.correlation_id);
    const waiter = id === undefined ? undefined : waiting.get(id);
    if (!waiter || id === undefined) return;
    waiting.delete(id);
    waiter.resolve(answerOfMessage(context.message));
  });
  connection.on('disconnected', (context: EventContext) => failAll(failure(context, 'connection lost')));
  // DPS refuses a link by detaching it with an error: nothing sent on it will be answered
  const detached = (which: string, error: unknown): void => {
    const detail = (error as { description?: string; condition?: string } | undefined)?.description ?? 'no reason given';
    failAll(new DeviceError(`AMQP ${which} link detached: ${detail}`));
  };
  sender.on('sender_close', (context: EventContext) => detached('sender', context.sender?.error));
  receiver.on('receiver_close', (context: EventContext) => detached('receiver', context.receiver?.error));

  const exchange = (properties: Record<string, string>, bodyText: string, ms: number): Promise<DpsAnswer> =>
    new Promise((resolve, reject) => {
      if (!sender.is_open() || !receiver.is_open()) {
        reject(new DeviceError('AMQP links are detached: DPS refused them'));
        return;
      }
      const correlationId = randomUUID();
      const timer = setTimeout(() => {
        waiting.delete(correlationId);
        reject(new DeviceError(`no AMQP answer within ${ms} ms`));
      }, ms);
      const settle = <T>(fn: (value: T) => void) => (value: T): void => {
        clearTimeout(timer);
        waiting.delete(correlationId);
        fn(value);
      };
      waiting.set(correlationId, { resolve: settle(resolve), reject: settle(reject) });
      const delivery = sender.send({
        correlation_id: correlationId,
        message_id: correlationId,
        application_properties: properties,
        body: dataSection(bodyText),
      });
      const onRejected = (context: EventContext): void => {
        if (context.delivery !== delivery) return;
        sender.removeListener('rejected', onRejected);
        type Rejected = { remote_state?: { error?: { condition?: string; description?: string; info?: Record<string, unknown> } } };
        const remote = (context.delivery as Rejected).remote_state;
        settle(resolve)(answerOfRejection(remote?.error));
      };
      sender.on('rejected', onRejected);
    });

  return {
    register: (bodyText, ms) => exchange({ 'iotdps-operation-type': REGISTER }, bodyText, ms),
    poll: (operationId, ms) => exchange({ 'iotdps-operation-type': OPERATION_STATUS, 'iotdps-operation-id': operationId }, '', ms),
    close: async () => {
      if (!connection.is_open()) return;
      connection.close();
      await once(connection, ['connection_close', 'disconnected'], CLOSE_WAIT_MS);
    },
  };
}
