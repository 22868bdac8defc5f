import type { Socket } from 'node:net';
import type { Server } from 'node:net';
import { staticAllocator } from './allocation/static-allocator.js';
import { EmulatorCore } from './core/emulator-core.js';
import { Enrollments, type EnrollmentConfig } from './core/enrollments.js';
import { newIdScope, newSymmetricKey } from './core/dps-identifiers.js';
import { PlanBook } from './core/registration-plan.js';
import { RegistrationBook } from './core/registration-book.js';
import type { EmulatorOptions, RunningEmulator } from './emulator-options.js';
import { createHttpsFrontEnd } from './https/https-front-end.js';
import { closeServer, listenOn } from './listen-on.js';
import { createMqttFrontEnd } from './mqtt/mqtt-front-end.js';
import { startOnOwnLoopback } from './standard-ports.js';
import { createRedactor, loadSchemaValidator } from './support/shared-services.js';
import { loadOrGenerateTls } from './tls/emulator-tls.js';
import { observe } from './transcript/observations.js';
import { Transcript } from './transcript/transcript.js';

export const DEFAULT_LINKED_HUBS: readonly string[] = ['dpsc-hub-1.azure-devices.net', 'dpsc-hub-2.azure-devices.net'];
export const DEFAULT_GROUP_ID = 'dpsc-emulator-group';

/**
 * Starts the DPS emulator: one core, an HTTPS front end (with MQTT over WebSocket on the same port)
 * and an MQTT-over-TLS front end. Rejects with a `portUnavailableError` when a port cannot be bound.
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
  const plans = new PlanBook();
  const registrations = new RegistrationBook();
  const lifetime = new AbortController();
  const core = new EmulatorCore({
    idScope,
    enrollments,
    plans,
    registrations,
    allocator: options.allocator ?? staticAllocator(),
    linkedHubs,
    defaultDialect: options.defaultDialect ?? 'ga',
    retryAfterSeconds: options.retryAfterSeconds ?? 2,
    requireKeyName: options.requireKeyName ?? false,
    ...(options.onUnexpected ? { onUnexpected: options.onUnexpected } : {}),
    validator: loadSchemaValidator(),
    transcript,
    signal: lifetime.signal,
  });

  const tls = await loadOrGenerateTls(host === '127.0.0.1' || host === 'localhost' ? [] : [host], options.tlsCacheDir);
  const mqtt = await createMqttFrontEnd({ core, tls, signal: lifetime.signal, ...(options.mqttAuthFailure ? { authFailure: options.mqttAuthFailure } : {}) });
  const https = createHttpsFrontEnd({ core, tls, signal: lifetime.signal, onUpgrade: (request, socket, head) => mqtt.handleUpgrade(request, socket, head) });
  const sockets = new Set<Socket>();
  for (const server of [https, mqtt.server] as Server[]) {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    lifetime.abort();
    await Promise.all([closeServer(https, sockets), closeServer(mqtt.server, sockets)]);
    await mqtt.close();
  };

  let httpsPort: number;
  let mqttPort: number;
  try {
    httpsPort = await listenOn(https, options.httpsPort ?? 0, host, options.portOptionNames?.https ?? 'httpsPort');
    mqttPort = await listenOn(mqtt.server, options.mqttPort ?? 0, host, options.portOptionNames?.mqtt ?? 'mqttPort');
  } catch (error) {
    await close();
    throw error;
  }

  const group = enrollments.firstGroup();
  return {
    idScope,
    host,
    httpsPort,
    mqttPort,
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
    transcript,
    observations: () => observe(transcript, registrations),
    close,
  };
}
