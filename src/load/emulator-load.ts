import { startEmulator, webhookAllocator, type RunningEmulator } from '../emulator/index.js';
import { internalError } from '../errors/harness-error.js';
import type { Dialect } from '../results/check-result.js';
import { registrationBody, type MixItem } from './load-mix.js';
import { DeviceFleet } from './device-fleet.js';
import type { LoadStats } from './load-stats.js';

export interface EmulatorLoadOptions {
  devices: number;
  transport: 'https' | 'mqtt';
  /** the webhook the emulator calls (function key included); absent: `startDefaultWebhook` */
  webhookUrl?: URL;
  /** starts the webhook used when none is given (the command passes the reference webhook, in-process) */
  startDefaultWebhook: () => Promise<LoadWebhook>;
  mix: readonly MixItem[];
  timeoutMs: number;
  stats: LoadStats;
  signal: AbortSignal;
}

/** A webhook started for the run, closed with it. */
export interface LoadWebhook {
  url: string;
  close(): Promise<void>;
}

/** A started fleet, emulator and webhook, and the open-loop work that registers one device per slot. */
export interface EmulatorLoad {
  start(index: number): Promise<void> | undefined;
  inFlight(): number;
  close(): Promise<void>;
}

/** Devices wait at least this long between polls when the emulator says Retry-After 0, so a slow webhook is not polled in a hot loop. */
const MIN_POLL_MS = 20;

/**
 * Starts the emulator (Retry-After 0, custom allocation through the webhook), the reference webhook
 * when none is given, and a fleet of devices; each slot takes an idle device (none idle: the slot is
 * dropped) and registers it with the next corpus case's data, end to end, to `assigned`.
 */
export async function startEmulatorLoad(options: EmulatorLoadOptions): Promise<EmulatorLoad> {
  let webhook: LoadWebhook | undefined;
  let emulator: RunningEmulator | undefined;
  let fleet: DeviceFleet | undefined;
  const close = async (): Promise<void> => {
    await fleet?.close();
    await emulator?.close();
    await webhook?.close();
  };
  try {
    webhook = options.webhookUrl ? undefined : await options.startDefaultWebhook();
    const url = options.webhookUrl?.toString() ?? webhook?.url;
    if (url === undefined) throw internalError('no webhook for the emulator to call');
    emulator = await startEmulator({
      httpsPort: 0,
      mqttPort: 0,
      retryAfterSeconds: 0,
      allocator: webhookAllocator({ url, timeoutMs: options.timeoutMs }),
      // the load report needs no transcript; keep only the latest entries
      transcriptCap: 1000,
    });
    const groupKey = emulator.groupKey;
    if (groupKey === undefined) throw internalError('the emulator started without an enrollment group');
    fleet = await DeviceFleet.create({
      endpoint: { host: emulator.host, httpsPort: emulator.httpsPort, mqttPort: emulator.mqttPort, caPem: emulator.caPem, idScope: emulator.idScope },
      groupKey,
      count: options.devices,
      transport: options.transport,
    });
  } catch (error) {
    await close();
    throw error;
  }
  const registrations = options.mix;
  const running = emulator;
  const devices = fleet;
  let inFlight = 0;
  return {
    inFlight: () => inFlight,
    close,
    start(index) {
      const registration = registrations[index % registrations.length];
      if (!registration) return undefined;
      const device = devices.take();
      options.stats.slot(registration.dialect, device !== undefined);
      if (!device) return undefined;
      const dialect: Dialect = registration.dialect;
      if (devices.dialectOf(device) !== dialect) {
        running.plan(device.registrationId, { dialect });
        devices.setDialect(device, dialect);
      }
      inFlight += 1;
      return device.register(registrationBody(device.registrationId, registration), { timeoutMs: options.timeoutMs, signal: options.signal, minPollMs: MIN_POLL_MS }).then((end) => {
        inFlight -= 1;
        devices.release(device);
        options.stats.add({ dialect, ...end });
      });
    },
  };
}
