import type { Duplex } from 'node:stream';
import rhea from 'rhea';
import type { EventContext, Message, Receiver, Sender } from 'rhea';
import type { AmqpWire, CoreReply, CoreRequest, FrontEnd } from '../core/core-request.js';
import type { EmulatorCore } from '../core/emulator-core.js';
import { MAX_MESSAGE_BYTES } from '../dps-limits.js';
import { sleep } from '../support/sleep.js';
import { rejectionOf } from './amqp-outcome.js';
import { bodyText, messageRequest } from './amqp-message-request.js';
import { parseDpsAmqpAddress, sameIdentity, type DpsAmqpIdentity } from './dps-link-address.js';
import { RheaSocket } from './rhea-socket.js';
import { saslMechanisms } from './sasl-mechanisms.js';
import { webSocketCloseProblem, webSocketViolation } from '../support/websocket-violation.js';

/** How a DPS error answer travels over AMQP (see docs/protocol/amqp.md). */
export type AmqpErrorReply = 'reject' | 'message';

export interface AmqpConnectionOptions {
  core: EmulatorCore;
  frontEnd: Extract<FrontEnd, 'amqp' | 'amqp-ws'>;
  signal: AbortSignal;
  errorReply: AmqpErrorReply;
  /** a device that has not finished SASL by then is dropped */
  handshakeTimeoutMs: number;
  /** the TLS client certificate chain, when the device presented one (X.509 attestation) */
  clientCertificate?: readonly string[] | undefined;
  /** the `max-message-size` of the emulator's ATTACH frames (bytes); undefined leaves it out (see ADVERTISED_MAX_MESSAGE_BYTES) */
  maxMessageSize?: number | undefined;
}

/** room for the AMQP framing and message sections on top of the 96 KB body */
const FRAME_SLACK = 8 * 1024;
const MAX_FRAME_BYTES = MAX_MESSAGE_BYTES + FRAME_SLACK;
/**
 * The `max-message-size` the emulator advertises in its ATTACH frames by default: the largest message
 * it takes in one frame (a 96 KB body and its sections; a larger body is answered 413, as by DPS).
 * Azure's AMQP services advertise one; whether DPS does, and its value, is UNCONFIRMED
 * (docs/emulator-behaviour.md). AMQP lets a peer leave it out (no limit), but the Azure IoT C SDK's
 * AMQP library logs an error for that, and a build whose logger is not initialised aborts on it.
 */
export const ADVERTISED_MAX_MESSAGE_BYTES = MAX_FRAME_BYTES;

/** What one device connection has established so far. */
interface ConnectionState {
  identity?: DpsAmqpIdentity;
  password?: string;
  /** the emulator's sender on the device's receiver link: where answers go */
  responses?: Sender;
  apiVersion?: string;
  clientVersion?: string;
}

/**
 * Serves one device connection with rhea: SASL PLAIN authenticates it as one registration (user name
 * `{idScope}/registrations/{id}`, password the SAS), the device attaches a sender and a receiver link
 * on its registration's address, and each message on its sender becomes a register or poll request
 * for the core. 2xx answers go back as a message on the device's receiver link with the request's
 * correlation-id; error answers reject the request's delivery (or, as an option, come as a message).
 */
export function serveAmqpConnection(stream: Duplex, options: AmqpConnectionOptions): void {
  const { core, frontEnd, signal } = options;
  const connections = core.context.connections;
  const connection = connections.newId(frontEnd);
  const state: ConnectionState = {};
  const record = (request: CoreRequest): CoreReply => core.handle(request);
  const base = (wire: AmqpWire): { frontEnd: typeof frontEnd; connection: string; wire: AmqpWire; receivedAt: number } => ({
    frontEnd,
    connection,
    wire,
    receivedAt: Date.now(),
  });
  // how the connection ends is evidence: a device that sent `close`, or one whose connection just ended
  let closeReceived = false;
  let endedByEmulator: string | undefined;
  const endByEmulator = (context: EventContext, condition: string, description: string): void => {
    endedByEmulator = description;
    context.connection.close({ condition, description });
  };
  const socket = new RheaSocket(stream, {
    id: `${frontEnd}-device`,
    maxFrameBytes: MAX_FRAME_BYTES,
    onProblem: (problem) => {
      const who = state.identity ? { registrationId: state.identity.registrationId } : {};
      endedByEmulator = problem.kind === 'frame-too-large' ? `a frame of ${problem.bytes} bytes` : `bytes that are not AMQP: ${problem.detail}`;
      if (problem.kind === 'frame-too-large') {
        record({ kind: 'unexpected', ...base({ amqp: 'frame' }), reason: 'packet-too-large', detail: `AMQP frame of ${problem.bytes} bytes`, ...who });
      } else {
        record({ kind: 'unexpected', ...base({ amqp: 'frame' }), reason: 'malformed-amqp', detail: problem.detail, ...who });
      }
      socket.destroy();
    },
  });
  // over WebSocket: bytes that break RFC 6455 make `ws` fail the connection (before rhea sees them);
  // the device did not drop it, its framing did (recorded before the `close` below)
  let closeFrameProblem: string | undefined;
  stream.on('error', (error) => {
    closeFrameProblem ??= webSocketCloseProblem(error);
    const violation = webSocketViolation(error);
    if (!violation || endedByEmulator !== undefined) return;
    endedByEmulator = violation.reason === 'malformed-websocket' ? `bytes that are not WebSocket framing: ${violation.detail}` : violation.detail;
    record({ kind: 'unexpected', ...base({ amqp: 'frame' }), reason: violation.reason, detail: violation.detail, ...(state.identity ? { registrationId: state.identity.registrationId } : {}) });
  });
  let authenticated = false;
  const handshake = setTimeout(() => {
    if (!authenticated) socket.destroy();
  }, options.handshakeTimeoutMs);
  handshake.unref();
  stream.on('close', () => {
    clearTimeout(handshake);
    if (endedByEmulator !== undefined) connections.ended(connection, 'emulator', endedByEmulator);
    // a device that closed its WebSocket (even with a close frame ws refused) said goodbye
    else connections.ended(connection, closeReceived || closeFrameProblem !== undefined ? 'disconnect' : 'dropped', closeFrameProblem);
  });

  const container = rhea.create_container({ id: 'dps-conformance-emulator' });
  const certificate = options.clientCertificate;
  const authenticate = async (mechanism: string, username: string | undefined, password: string | undefined): Promise<boolean> => {
    // X.509: the certificate authenticates; the registration is named by the link address at attach
    if (certificate && (mechanism === 'EXTERNAL' || mechanism === 'ANONYMOUS')) return true;
    const wire: AmqpWire = { amqp: 'sasl-init', mechanism, ...(username !== undefined ? { username } : {}) };
    const identity = parseDpsAmqpAddress(username);
    let request: CoreRequest;
    if (mechanism !== 'PLAIN') request = { kind: 'unexpected', ...base(wire), reason: 'unsupported-sasl-mechanism', detail: `SASL ${mechanism}; DPS takes PLAIN with the SAS token` };
    else if (!identity) request = { kind: 'unexpected', ...base(wire), reason: 'malformed-username', detail: `user name ${JSON.stringify(username ?? null)}` };
    else {
      Object.assign(state, { identity, password });
      request = { kind: 'connect', ...base(wire), ...identity, clientId: identity.registrationId, ...(password !== undefined ? { authorization: password } : {}) };
    }
    const reply = record(request);
    socket.fragment = reply.delivery.fragment;
    if (reply.delivery.slowMs) await sleep(reply.delivery.slowMs, signal);
    const ok = reply.kind === 'answer' && reply.status === 200;
    if (ok) {
      authenticated = true;
      if (identity) connections.accepted(connection, frontEnd, identity.registrationId);
    }
    // rhea writes the failed SASL outcome; the connection then ends (DPS closes it too)
    else setTimeout(() => socket.close(), 0);
    return ok;
  };
  container.sasl_server_mechanisms = saslMechanisms(authenticate);

  // rhea raises these on the container; unhandled 'error' would throw, the rest would be logged
  for (const event of ['error', 'connection_error', 'disconnected', 'session_error', 'sender_error', 'receiver_error']) {
    container.on(event, () => undefined);
  }
  container.on('connection_close', () => {
    closeReceived = true;
  });
  container.on('protocol_error', (error: unknown) => {
    // bytes rhea could not read as AMQP (e.g. no SASL layer, a bad frame): recorded, then rhea ends the connection
    const detail = error instanceof Error ? error.message : String(error);
    record({ kind: 'unexpected', ...base({ amqp: 'frame' }), reason: 'malformed-amqp', detail, ...(state.identity ? { registrationId: state.identity.registrationId } : {}) });
  });

  /** X.509 without SASL credentials: the first link names the registration, the certificate proves it. */
  const attestByCertificate = (context: EventContext, named: DpsAmqpIdentity | undefined, address: string | undefined): boolean => {
    if (state.identity || !certificate || !named) return true;
    const reply = record({ kind: 'connect', ...base({ amqp: 'attach', ...(address !== undefined ? { address } : {}) }), ...named, clientId: named.registrationId, clientCertificate: certificate });
    if (reply.kind === 'answer' && reply.status === 200) {
      state.identity = named;
      authenticated = true;
      connections.accepted(connection, frontEnd, named.registrationId);
      return true;
    }
    endByEmulator(context, 'amqp:unauthorized-access', 'the client certificate does not attest this registration');
    return false;
  };

  /** A link the device attached: its address must be its own registration's. */
  const checkLink = (context: EventContext, link: Sender | Receiver, address: string | undefined): boolean => {
    const named = parseDpsAmqpAddress(address);
    if (!attestByCertificate(context, named, address)) return false;
    if (named && state.identity && sameIdentity(named, state.identity)) {
      const properties = (link.properties ?? {}) as Record<string, unknown>;
      if (typeof properties['com.microsoft:api-version'] === 'string') state.apiVersion = properties['com.microsoft:api-version'];
      if (typeof properties['com.microsoft:client-version'] === 'string') state.clientVersion = properties['com.microsoft:client-version'];
      return true;
    }
    const wire: AmqpWire = { amqp: 'attach', ...(address !== undefined ? { address } : {}) };
    const reason = named ? 'registration-id-mismatch' : 'unknown-link-address';
    const detail = named ? `link to ${address ?? ''}, SASL named ${state.identity?.idScope ?? ''}/registrations/${state.identity?.registrationId ?? ''}` : `link address ${JSON.stringify(address ?? null)}`;
    const reply = record({ kind: 'unexpected', ...base(wire), reason, detail, ...(state.identity ? { registrationId: state.identity.registrationId } : {}) });
    if (reply.kind === 'disconnect') endByEmulator(context, 'amqp:not-allowed', reply.reason);
    else if (reply.kind === 'answer') link.close(rejectionOf(reply));
    return false;
  };

  container.on('receiver_open', (context: EventContext) => {
    const receiver = context.receiver;
    if (receiver) checkLink(context, receiver, receiver.target?.address);
  });
  container.on('sender_open', (context: EventContext) => {
    const sender = context.sender;
    if (sender && checkLink(context, sender, sender.source?.address)) state.responses = sender;
  });
  container.on('message', (context: EventContext) => {
    const { message, delivery } = context;
    if (!message || !delivery) return;
    const request = messageRequest(message, { ...base({ amqp: 'transfer' }), identity: state.identity, password: state.password, apiVersion: state.apiVersion, clientVersion: state.clientVersion, clientCertificate: certificate });
    const reply = record(request);
    socket.fragment = reply.delivery.fragment;
    const send = (): void => {
      if (socket.closed || signal.aborted) return;
      if (reply.kind === 'disconnect') {
        endByEmulator(context, 'amqp:not-allowed', reply.reason);
        return;
      }
      if (reply.kind !== 'answer') return;
      if (reply.status >= 300 && options.errorReply === 'reject') {
        delivery.reject(rejectionOf(reply));
        return;
      }
      delivery.accept();
      answerMessage(state.responses, message, reply);
    };
    if (reply.delivery.slowMs) void sleep(reply.delivery.slowMs, signal).then(send);
    else send();
  });

  // rhea types the accepted socket as net.Socket; it only uses the WebSocket-like shape RheaSocket has
  const accept = container.websocket_accept.bind(container) as unknown as (socket: RheaSocket, options: Record<string, unknown>) => void;
  // require_sasl: the mechanism table answers every name (ANONYMOUS too), which would otherwise make
  // rhea accept devices that skip SASL; only a device with a client certificate may (X.509, as the SDKs do)
  // the links a device attaches are made from sender_options / receiver_options: their ATTACH carries max-message-size
  const linkOptions = options.maxMessageSize === undefined ? {} : { max_message_size: options.maxMessageSize };
  accept(socket, {
    require_sasl: certificate === undefined,
    autoaccept: false,
    max_frame_size: MAX_FRAME_BYTES,
    container_id: 'dps-conformance-emulator',
    sender_options: linkOptions,
    receiver_options: linkOptions,
  });
}

/** The answer as a message on the device's receiver link, correlated by the request's correlation-id (or message-id). */
function answerMessage(responses: Sender | undefined, request: Message, reply: Extract<CoreReply, { kind: 'answer' }>): void {
  if (!responses || !responses.is_open()) return;
  const properties: Record<string, string | number> = {};
  if (reply.retryAfterSeconds !== undefined) properties['retry-after'] = String(reply.retryAfterSeconds);
  if (reply.status >= 300) properties['iotdps-status'] = reply.status;
  const correlation = request.correlation_id ?? request.message_id;
  const answer: Message = {
    body: rhea.message.data_section(Buffer.from(bodyText(reply), 'utf8')) as unknown,
    application_properties: properties,
    content_type: 'application/json',
    ...(correlation !== undefined ? { correlation_id: correlation } : {}),
  };
  responses.send(answer);
}
