import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { startEmulator, staticAllocator } from '../src/emulator/index.js';
import { chooseAllocator } from '../src/cli/commands/emulate/support/choose-allocator.js';
import type { DeviceEndpoint } from '../src/load/simulated-device.js';
import { startBareHttpsServer } from './bare-https-server.js';
import { startBareMqttBroker } from './bare-mqtt-broker.js';
import type { ThroughputJob, ThroughputResult } from './throughput-worker.js';

/** The fleet sizes every throughput row is measured at. */
export const BENCH_DEVICE_COUNTS = [1, 5, 50] as const;
const WARMUP_MS = 700;
const MEASURE_MS = 2500;

export type Transport = 'https' | 'mqtt';
/** `custom`: what `emulate` runs by default (the bundled reference webhook over loopback HTTP); `static`: one hub, no webhook */
export type Allocation = 'custom' | 'static';

export interface ThroughputFigure {
  perSecond: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** polls answered per registration (register excluded), when the server counts them */
  pollsPerRegistration?: number;
  /** CPU of the whole process (server, webhook, devices) per registration in the window, ms */
  cpuMsPerRegistration?: number;
}

function drive(endpoint: DeviceEndpoint, groupKey: string, transport: Transport, devices: number, prefix: string): Promise<ThroughputFigure> {
  const job: ThroughputJob = { endpoint, groupKey, transport, devices, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, prefix };
  const worker = new Worker(new URL('./throughput-worker.js', import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: ThroughputResult) =>
      resolve({
        perSecond: result.registrations / (result.windowMs / 1000),
        errors: result.errors,
        errorKinds: result.errorKinds,
        pollsPerRegistration: result.polls / Math.max(1, result.registrations + result.errors),
        ...(result.cpuMs > 0 ? { cpuMsPerRegistration: result.cpuMs / Math.max(1, result.registrations) } : {}),
      }),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`throughput worker exited ${code}`));
    });
  });
}

/**
 * Registrations per second through the emulator (SAS checked, Retry-After 0): `devices` devices in a
 * closed loop, each PUT register then poll to `assigned` (HTTPS) or the same exchanges on the DPS
 * topics (MQTT). `custom` allocates as `emulate` does by default: the allocator `chooseAllocator`
 * gives with no --webhook and no config, i.e. the bundled reference webhook started in-process and
 * called over loopback HTTP.
 */
export async function measureEmulator(transport: Transport, allocation: Allocation, devices: number): Promise<ThroughputFigure> {
  const chosen = allocation === 'custom' ? await chooseAllocator(undefined, undefined) : { allocator: staticAllocator(), close: () => Promise.resolve() };
  try {
    const emulator = await startEmulator({ httpsPort: 0, mqttPort: 0, retryAfterSeconds: 0, allocator: chosen.allocator });
    try {
      const endpoint = { host: '127.0.0.1', httpsPort: emulator.httpsPort, mqttPort: emulator.mqttPort, caPem: emulator.caPem, idScope: emulator.idScope };
      return await drive(endpoint, emulator.groupKey ?? '', transport, devices, `bench-${allocation}-${transport}`);
    } finally {
      await emulator.close();
    }
  } finally {
    await chosen.close();
  }
}

/** The same devices against the bare baseline of the transport (plain node:https server / plain aedes relay). */
export async function measureBaseline(transport: Transport, devices: number): Promise<ThroughputFigure> {
  const bare = transport === 'https' ? await startBareHttpsServer() : await startBareMqttBroker();
  try {
    const endpoint = { host: '127.0.0.1', httpsPort: bare.port, mqttPort: bare.port, caPem: bare.caPem, idScope: '0ne0000BE4C' };
    return await drive(endpoint, randomBytes(32).toString('base64'), transport, devices, `bare-${transport}`);
  } finally {
    await bare.close();
  }
}
