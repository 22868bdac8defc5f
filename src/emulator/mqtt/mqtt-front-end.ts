import { createServer, TLSSocket, type Server as TlsServer } from 'node:tls';
import { destroyFailedHandshakes, type ConnectionTimeouts } from '../connection-timeouts.js';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Aedes, type AuthenticateError, type Client, type PublishPacket } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { CoreReply, CoreRequest } from '../core/core-request.js';
import type { EmulatorCore } from '../core/emulator-core.js';
import { MAX_MESSAGE_BYTES } from '../dps-limits.js';
import type { EmulatorTls } from '../tls/emulator-tls.js';
import { peerCertificateChain, REQUEST_CLIENT_CERTIFICATE } from '../x509/peer-certificate.js';
import { sleep } from '../support/sleep.js';
import { webSocketCloseProblem, webSocketViolation } from '../support/websocket-violation.js';
import { AnswerAcks } from './answer-acks.js';
import { GuardedConnection } from './guarded-connection.js';
import { isResponseSubscription, parseDpsTopic, responseTopic } from './dps-topics.js';
import type { MqttConnectionState } from './mqtt-connection-state.js';
import { parseMqttUsername } from './parse-mqtt-username.js';
import { decodeDeviceText, type DeviceText } from '../core/decode-device-text.js';
import { installSessionPolicy, recordSentForDevice, type MqttSessionOptions } from './session-policy.js';

/**
 * How a CONNECT with bad credentials is answered. `connack` (default): CONNACK return code 5 "not
 * authorized", as Azure's MQTT gateways do for a bad SAS; `topic-401`: accept, then answer every
 * publish `res/401` (what some fakes do; useful to test a device's error path on the topic).
 */
export type MqttAuthFailure = 'connack' | 'topic-401';

export interface MqttFrontEnd {
  server: TlsServer;
  /** HTTPS `upgrade` handler for MQTT over WebSocket (`/$iothub/websocket`, subprotocol `mqtt`) */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/**
 * Upgrade paths served: the documented one, and `/mqtt`, where the Java SDK's MQTT_WS transport
 * connects (it gives paho `wss://host:443` with no path, and paho then asks for `/mqtt`); Microsoft's
 * own provisioning end-to-end tests run that transport against DPS (see docs/contract/bundled-implementations.md).
 */
const WEBSOCKET_PATHS: readonly string[] = ['/$iothub/websocket', '/mqtt'];
/** room for the topic and headers on top of the 96 KB message */
const PACKET_SLACK = 8 * 1024;

/**
 * The MQTT front end (aedes over TLS, and over WebSocket on the HTTPS port): CONNECT, PUBLISH and
 * SUBSCRIBE are parsed into the same core requests as HTTPS, and each reply goes back on
 * `$dps/registrations/res/...` to that client only.
 */
export async function createMqttFrontEnd(options: {
  core: EmulatorCore;
  tls: EmulatorTls;
  timeouts: ConnectionTimeouts;
  signal: AbortSignal;
  authFailure?: MqttAuthFailure;
  /** default: DPS's (every session clean, MQTT 3.1 refused) */
  sessions?: MqttSessionOptions;
}): Promise<MqttFrontEnd> {
  const { core, signal } = options;
  const states = new WeakMap<Client, MqttConnectionState>();
  const pending = new WeakMap<Duplex, MqttConnectionState>();
  // a connection (over TLS or WebSocket) that sends no CONNECT within this is closed by aedes
  const broker = await Aedes.createBroker({ maxClientsIdLength: 128, connectTimeout: options.timeouts.firstRequestMs });
  installSessionPolicy(broker, core, pending, options.sessions ?? { acceptMqtt31: false, persistent: false });
  const acks = new AnswerAcks(core);
  broker.on('ack', (packet, client) => acks.acknowledged(client, states.get(client), packet && 'topic' in packet ? packet.topic : undefined));

  const connections = core.context.connections;
  const attach = (stream: Duplex, frontEnd: MqttConnectionState['frontEnd'], request?: IncomingMessage): void => {
    const connection = connections.newId(frontEnd);
    const guard: GuardedConnection = new GuardedConnection(stream, {
      maxPacketBytes: MAX_MESSAGE_BYTES + PACKET_SLACK,
      onOversize: (bytes) => {
        core.handle({ kind: 'unexpected', frontEnd, connection, wire: { packet: 'publish' }, receivedAt: Date.now(), reason: 'packet-too-large', detail: `MQTT packet of ${bytes} bytes`, ...(state.registrationId ? { registrationId: state.registrationId } : {}) });
        state.endedByEmulator = `a packet of ${bytes} bytes`;
        guard.destroy();
      },
    });
    const tlsSocket = stream instanceof TLSSocket ? stream : request?.socket instanceof TLSSocket ? request.socket : undefined;
    const clientCertificate = peerCertificateChain(tlsSocket);
    const state: MqttConnectionState = { frontEnd, connection, guard, ...(clientCertificate ? { clientCertificate } : {}) };
    pending.set(guard, state);
    // over WebSocket: bytes that break RFC 6455 make `ws` fail the connection; the device's framing ended it, not the device
    stream.on('error', (error) => {
      const closing = webSocketCloseProblem(error);
      if (closing !== undefined) state.closeFrameProblem = closing;
      const violation = webSocketViolation(error);
      if (!violation || state.endedByEmulator !== undefined) return;
      core.handle({ kind: 'unexpected', frontEnd, connection, wire: { packet: 'upgrade' }, receivedAt: Date.now(), reason: violation.reason, detail: violation.detail, ...(state.registrationId ? { registrationId: state.registrationId } : {}) });
      state.endedByEmulator = violation.reason === 'malformed-websocket' ? `bytes that are not WebSocket framing: ${violation.detail}` : violation.detail;
    });
    guard.on('error', () => guard.destroy());
    guard.on('close', () => {
      if (state.endedByEmulator !== undefined) connections.ended(connection, 'emulator', state.endedByEmulator);
      // a device that closed its WebSocket (even with a close frame ws refused) said goodbye
      else connections.ended(connection, guard.disconnectReceived || state.closeFrameProblem !== undefined ? 'disconnect' : 'dropped', state.closeFrameProblem);
    });
    broker.handle(guard, request);
  };

  broker.authenticate = (client, username, password, done) => {
    const state = pending.get(client.conn);
    if (!state) return done(refusal(), false);
    states.set(client, state);
    const parsed = parseMqttUsername(username);
    const wire = { packet: 'connect' as const, clientId: client.id, ...(username !== undefined ? { username } : {}), ...connectFlags(state) };
    const base = { frontEnd: state.frontEnd, connection: state.connection, wire, receivedAt: Date.now() };
    const passwordText = password?.toString('utf8');
    let request: CoreRequest;
    if (!parsed) request = { kind: 'unexpected', ...base, reason: 'malformed-username', detail: `username ${JSON.stringify(username ?? null)}` };
    else {
      Object.assign(state, { idScope: parsed.idScope, registrationId: parsed.registrationId, apiVersion: parsed.apiVersion, password: passwordText });
      request = {
        kind: 'connect',
        ...base,
        idScope: parsed.idScope,
        registrationId: parsed.registrationId,
        clientId: client.id,
        apiVersion: parsed.apiVersion,
        ...(passwordText !== undefined ? { authorization: passwordText } : {}),
        ...(state.clientCertificate ? { clientCertificate: state.clientCertificate } : {}),
      };
    }
    const reply = core.handle(request);
    state.guard.fragment = reply.delivery.fragment;
    afterDelay(reply.delivery.slowMs, signal, () => {
      if (reply.kind === 'disconnect') return client.conn.destroy();
      if (reply.kind === 'answer' && (reply.status === 200 || (parsed && options.authFailure === 'topic-401' && reply.status === 401))) {
        if (parsed) connections.accepted(state.connection, state.frontEnd, parsed.registrationId);
        return done(null, true);
      }
      done(refusal(), false);
    });
  };

  broker.authorizeSubscribe = (client, subscription, done) => {
    const state = states.get(client);
    // before the connection is up only aedes itself subscribes: it is restoring a kept session (persistent sessions only)
    if (!client.connected) {
      recordSentForDevice(core, state, 'restored-subscription', subscription.topic);
      return done(null, subscription);
    }
    const reply = core.handle(subscribeRequest(state, subscription.topic, subscription.qos));
    if (reply.kind === 'grant' && state) {
      state.responseQos = reply.qos;
      return done(null, { ...subscription, qos: reply.qos });
    }
    if (reply.kind === 'disconnect') {
      if (state) state.endedByEmulator = reply.reason;
      return done(new Error('subscription not allowed'));
    }
    done(null, null); // the policy chose to answer instead: deny this subscription only (SUBACK 0x80)
  };

  broker.authorizePublish = (client, packet, done) => {
    const state = client ? states.get(client) : undefined;
    if (!client || !state) return done(new Error('not a device connection'));
    const request = publishRequest(state, packet);
    const answerIt = (): void => {
      const reply = core.handle(request);
      if (reply.kind === 'disconnect') {
        state.endedByEmulator = reply.reason;
        done(new Error(`disconnected: ${reply.reason}`));
        return;
      }
      done(null); // PUBACK; nobody subscribes to the request topics, so nothing is forwarded
      if (reply.kind !== 'answer') return;
      const rid = parseDpsTopic(packet.topic)?.rid ?? '';
      answerOnTopic(client, state, rid, reply, signal, acks);
    };
    // a poll whose allocation is running is answered when it settles (bounded): see hold-poll.ts
    const hold = core.holdBefore(request);
    if (hold) void hold.then(answerIt);
    else answerIt();
  };

  const tlsOptions = { cert: options.tls.certPem, key: options.tls.keyPem, ...REQUEST_CLIENT_CERTIFICATE, handshakeTimeout: options.timeouts.handshakeMs };
  const server = createServer(tlsOptions, (socket) => {
    socket.setNoDelay(true); // avoids Nagle/delayed-ACK stalls per MQTT round trip
    attach(socket, 'mqtt');
  });
  // failed or silent handshakes are the client's problem: never a crash, never a socket left behind
  destroyFailedHandshakes(server);
  // and what the device did, though no registration was named yet: recorded
  server.on('tlsClientError', (error: Error) => core.context.connections.handshakeFailed('mqtt', error));

  const webSockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES + PACKET_SLACK, handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false) });
  const handleUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(request.url ?? '/', 'https://emulator.invalid').pathname;
    if (!WEBSOCKET_PATHS.includes(path)) {
      core.handle({ kind: 'unexpected', frontEnd: 'mqtt-ws', wire: { packet: 'upgrade', topic: request.url ?? '' }, receivedAt: Date.now(), reason: 'unknown-route', detail: `WebSocket upgrade to ${request.url ?? ''}` });
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n', () => socket.destroy());
      return;
    }
    webSockets.handleUpgrade(request, socket, head, (ws) => {
      const stream = createWebSocketStream(ws);
      stream.on('error', () => stream.destroy());
      attach(stream, 'mqtt-ws', request);
    });
  };

  return {
    server,
    handleUpgrade,
    close: async () => {
      for (const ws of webSockets.clients) ws.terminate();
      await new Promise<void>((resolve) => webSockets.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}

/** The CONNECT flags the transcript keeps (what the device asked for, whatever the emulator made of it). */
function connectFlags(state: MqttConnectionState): { cleanSession?: boolean; protocolLevel?: number } {
  return {
    ...(state.cleanRequested !== undefined ? { cleanSession: state.cleanRequested } : {}),
    ...(state.protocolLevel !== undefined ? { protocolLevel: state.protocolLevel } : {}),
  };
}

function refusal(): AuthenticateError {
  return Object.assign(new Error('Not authorized'), { returnCode: 5 as const });
}

/** Parse step: a device PUBLISH into a core request. */
function publishRequest(state: MqttConnectionState, packet: PublishPacket): CoreRequest {
  const wire = { packet: 'publish' as const, topic: packet.topic, qos: packet.qos };
  const decoded: DeviceText = Buffer.isBuffer(packet.payload) ? decodeDeviceText(packet.payload) : { text: String(packet.payload) };
  const bodyText = decoded.text;
  const base = {
    frontEnd: state.frontEnd,
    connection: state.connection,
    wire,
    receivedAt: Date.now(),
    ...(state.apiVersion ? { apiVersion: state.apiVersion } : {}),
    ...(state.password !== undefined ? { authorization: state.password } : {}),
    ...(state.clientCertificate ? { clientCertificate: state.clientCertificate } : {}),
  };
  const who = { idScope: state.idScope ?? '', registrationId: state.registrationId ?? '' };
  const topic = parseDpsTopic(packet.topic);
  const registrationId = state.registrationId ? { registrationId: state.registrationId } : {};
  if (packet.qos === 2) return { kind: 'unexpected', ...base, reason: 'unsupported-qos', detail: `PUBLISH QoS 2 to ${packet.topic}`, ...registrationId };
  if (!topic) return { kind: 'unexpected', ...base, reason: 'unknown-topic', detail: `PUBLISH ${packet.topic}`, ...registrationId, bodyText };
  const size = Buffer.byteLength(bodyText);
  if (size > MAX_MESSAGE_BYTES) return { kind: 'unexpected', ...base, reason: 'body-too-large', detail: `${size} bytes > ${MAX_MESSAGE_BYTES}`, ...registrationId };
  if (topic.kind === 'register') return { kind: 'register', ...base, ...who, bodyText, ...(decoded.notUtf8 !== undefined ? { notUtf8: decoded.notUtf8 } : {}) };
  return { kind: 'poll', ...base, ...who, operationId: topic.operationId, ...(bodyText ? { bodyText } : {}) };
}

/** Parse step: one topic filter of a device SUBSCRIBE into a core request (anything but the response topics is unexpected). */
function subscribeRequest(state: MqttConnectionState | undefined, topic: string, qos: number): CoreRequest {
  const base = {
    frontEnd: state?.frontEnd ?? 'mqtt',
    ...(state ? { connection: state.connection } : {}),
    wire: { packet: 'subscribe' as const, topic, qos },
    receivedAt: Date.now(),
    ...(state?.registrationId ? { registrationId: state.registrationId } : {}),
  };
  if (!isResponseSubscription(topic)) return { kind: 'unexpected', ...base, reason: 'unknown-topic', detail: `SUBSCRIBE ${topic}` };
  return { kind: 'subscribe', ...base, topic, qos };
}

/** Runs `then` after a planned delay, or on the next turn of the event loop when none is planned (no timer, no abort listener). */
function afterDelay(ms: number | undefined, signal: AbortSignal, then: () => void): void {
  if (ms) void sleep(ms, signal).then(then);
  else setImmediate(then);
}

/** Write step: the reply on `$dps/registrations/res/{status}/?$rid=...` to this client only. */
function answerOnTopic(client: Client, state: MqttConnectionState, rid: string, reply: Extract<CoreReply, { kind: 'answer' }>, signal: AbortSignal, acks: AnswerAcks): void {
  state.guard.fragment = reply.delivery.fragment;
  afterDelay(reply.delivery.slowMs, signal, () => {
    if (client.closed || signal.aborted) return;
    const payload = Buffer.from(reply.bodyText ?? '', 'utf8');
    const topic = responseTopic(reply.status, rid, reply.retryAfterSeconds);
    const qos = state.responseQos ?? 0;
    if (qos === 1) acks.sent(client, topic);
    client.publish({ cmd: 'publish', topic, payload, qos, retain: false, dup: false }, () => {
      // a client gone before its answer is not an emulator error
    });
  });
}
