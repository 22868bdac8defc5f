import { setMaxListeners } from 'node:events';
import { DEFAULT_CONNECTION_TIMEOUTS, type ConnectionTimeouts } from './connection-timeouts.js';
import { JSON_DEPTH_LIMIT, MAX_CONFIGURABLE_JSON_DEPTH } from '../json/json-depth.js';
import type { Socket } from 'node:net';
import type { Server } from 'node:net';
import { staticAllocator } from './allocation/static-allocator.js';
import { DeviceConnections } from './core/device-connections.js';
import { EmulatorCore } from './core/emulator-core.js';
import { DEFAULT_POLL_HOLD_MS } from './core/hold-poll.js';
import { Enrollments, type EnrollmentConfig } from './core/enrollments.js';
import { newIdScope, newSymmetricKey } from './core/dps-identifiers.js';
import { PlanBook } from './core/registration-plan.js';
import { DPS_POLL_LIMIT, PollRateLimiter } from './core/poll-rate-limiter.js';
import { RegistrationBook } from './core/registration-book.js';
import type { EmulatorOptions, RunningEmulator } from './emulator-options.js';
import { createAmqpFrontEnd } from './amqp/amqp-front-end.js';
import { createHttpsFrontEnd } from './https/https-front-end.js';
import { closeServer, listenOn } from './listen-on.js';
import { createMqttFrontEnd } from './mqtt/mqtt-front-end.js';
import { startOnOwnLoopback } from './standard-ports.js';
import { createRedactor, loadSchemaValidator } from './support/shared-services.js';
import { loadOrGenerateTls } from './tls/emulator-tls.js';
import { observe } from './transcript/observations.js';
import { Transcript } from './transcript/transcript.js';
import { setUpX509 } from './x509/x509-setup.js';

export const DEFAULT_LINKED_HUBS: readonly string[] = ['dpsc-hub-1.azure-devices.net', 'dpsc-hub-2.azure-devices.net'];
export const DEFAULT_GROUP_ID = 'dpsc-emulator-group';

/**
 * Starts the DPS emulator: one core, an HTTPS front end (with MQTT and AMQP over WebSocket on the
 * same port), an MQTT-over-TLS and an AMQP-over-TLS front end. Rejects with a `portUnavailableError` when a port cannot be bound.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  if (options.standardPorts) return startOnOwnLoopback(options, startEmulator);
  const host = options.host ?? '127.0.0.1';
  const idScope = options.idScope ?? newIdScope();
  const enrollmentConfigs: readonly EnrollmentConfig[] = options.enrollments ?? [{ groupId: DEFAULT_GROUP_ID, primaryKey: newSymmetricKey() }];
  const enrollments = new Enrollments(enrollmentConfigs);
  const linkedHubs = options.linkedHubs ?? DEFAULT_LINKED_HUBS;
  const redactor = options.redactor ?? createRedactor();
  for (const key of enrollments.allKeys()) redactor.add(key);
  const transcript = new Transcript(redactor, options.transcriptCap);
  const connections = new DeviceConnections(transcript);
  const plans = new PlanBook();
  const registrations = new RegistrationBook();
  const lifetime = new AbortController();
  // every webhook call and held poll listens on it while it runs: many at once under load is no leak
  setMaxListeners(0, lifetime.signal);
  const x509 = options.x509 ? await setUpX509(redactor) : undefined;
  const core = new EmulatorCore({
    idScope,
    enrollments,
    ...(x509 ? { x509: x509.enrollments } : {}),
    plans,
    registrations,
    allocator: options.allocator ?? staticAllocator(),
    linkedHubs,
    defaultDialect: options.defaultDialect ?? 'ga',
    retryAfterSeconds: options.retryAfterSeconds ?? 2,
    pollHoldMs: options.pollHoldMs ?? DEFAULT_POLL_HOLD_MS,
    requireKeyName: options.requireKeyName ?? false,
    asciiAnswers: options.asciiAnswers === true,
    payloadPolicy: {
      jsonString: options.strictPayload === true ? 'refuse' : 'parse',
      toWebhook: options.stringPayloadToWebhook ?? 'parsed',
      notJson: options.nonJsonStringPayload ?? 'refuse',
    },
    ...(options.pollRateLimit ? { pollRateLimiter: new PollRateLimiter(options.pollRateLimit === true ? DPS_POLL_LIMIT : options.pollRateLimit) } : {}),
    reRegistration: options.reRegistration ?? 'dps',
    invalidUtf8: options.invalidUtf8 ?? 'refuse',
    maxJsonDepth: Math.min(options.maxJsonDepth ?? JSON_DEPTH_LIMIT, MAX_CONFIGURABLE_JSON_DEPTH),
    ...(options.onUnexpected ? { onUnexpected: options.onUnexpected } : {}),
    ...(options.beforeRegister ? { beforeRegister: options.beforeRegister } : {}),
    validator: loadSchemaValidator(),
    transcript,
    connections,
    signal: lifetime.signal,
  });

  const extraNames = [...(host === '127.0.0.1' || host === 'localhost' ? [] : [host]), ...(options.serverName ? [options.serverName] : [])];
  const tls = await loadOrGenerateTls(extraNames, options.tlsCacheDir);
  const timeouts: ConnectionTimeouts = { ...DEFAULT_CONNECTION_TIMEOUTS, ...options.connectionTimeouts };
  const mqtt = await createMqttFrontEnd({
    core,
    tls,
    timeouts,
    signal: lifetime.signal,
    sessions: { acceptMqtt31: options.acceptMqtt31 ?? false, persistent: options.persistentMqttSessions ?? false },
    ...(options.mqttAuthFailure ? { authFailure: options.mqttAuthFailure } : {}),
  });
  const amqp = createAmqpFrontEnd({
    core,
    tls,
    timeouts,
    signal: lifetime.signal,
    ...(options.amqpErrorReply ? { errorReply: options.amqpErrorReply } : {}),
    ...(options.amqpMaxMessageSize === false ? { advertiseMaxMessageSize: false } : {}),
  });
  const https = createHttpsFrontEnd({
    core,
    tls,
    timeouts,
    signal: lifetime.signal,
    // one WebSocket path, two protocols: the subprotocol the device asks for decides
    onUpgrade: (request, socket, head) => (amqp.wantsUpgrade(request) ? amqp.handleUpgrade(request, socket, head) : mqtt.handleUpgrade(request, socket, head)),
  });
  // every listener the emulator binds, in bind order
  const listeners: { server: Server; port: number; option: string }[] = [
    { server: https, port: options.httpsPort ?? 0, option: options.portOptionNames?.https ?? 'httpsPort' },
    { server: mqtt.server, port: options.mqttPort ?? 0, option: options.portOptionNames?.mqtt ?? 'mqttPort' },
    { server: amqp.server, port: options.amqpPort ?? 0, option: options.portOptionNames?.amqp ?? 'amqpPort' },
  ];
  const sockets = new Set<Socket>();
  for (const { server } of listeners) {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    // recorded before the sockets go, whatever order they then report their end in
    connections.endAll();
    lifetime.abort();
    await Promise.all(listeners.map(({ server }) => closeServer(server, sockets)));
    await Promise.all([mqtt.close(), amqp.close()]);
  };

  const ports: number[] = [];
  try {
    for (const listener of listeners) ports.push(await listenOn(listener.server, listener.port, host, listener.option));
  } catch (error) {
    await close();
    throw error;
  }
  const [httpsPort, mqttPort, amqpPort] = ports as [number, number, number];

  const group = enrollments.firstGroup();
  return {
    idScope,
    host,
    // the name a device should verify: the certificate's DNS name for the default loopback address (docs/emulator-behaviour.md)
    serverName: options.serverName ?? (host === '127.0.0.1' || host === 'localhost' ? 'localhost' : host),
    httpsPort,
    mqttPort,
    amqpPort,
    caPem: tls.caPem,
    groupKey: group?.primaryKey,
    groupId: group?.groupId,
    linkedHubs,
    deriveDeviceKey: (registrationId) => {
      const key = enrollments.deviceKey(registrationId);
      redactor.add(key);
      return key;
    },
    plan: (registrationId, plan) => plans.set(registrationId, plan),
    deviceCaPem: x509?.deviceCaPem,
    issueDeviceCertificate: async (registrationId, certificateOptions) => {
      if (!x509) throw new Error('X.509 is off: start the emulator with x509: true');
      return x509.issue(registrationId, certificateOptions);
    },
    transcript,
    observations: () => observe(transcript, registrations),
    close,
  };
}
