import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { startEmulator, staticAllocator } from '../src/emulator/index.js';
import type { DeviceEndpoint } from '../src/load/simulated-device.js';
import { startBareHttpsServer } from './bare-https-server.js';
import { startBareMqttBroker } from './bare-mqtt-broker.js';
import type { ThroughputJob, ThroughputResult } from './throughput-worker.js';

export const BENCH_DEVICES = 50;
const WARMUP_MS = 1000;
const MEASURE_MS = 5000;

export interface ThroughputFigure {
  perSecond: number;
  errors: number;
  errorKinds: Record<string, number>;
}

function drive(endpoint: DeviceEndpoint, groupKey: string, transport: 'https' | 'mqtt', prefix: string): Promise<ThroughputFigure> {
  const job: ThroughputJob = { endpoint, groupKey, transport, devices: BENCH_DEVICES, warmupMs: WARMUP_MS, measureMs: MEASURE_MS, prefix };
  const worker = new Worker(new URL('./throughput-worker.js', import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: ThroughputResult) => resolve({ perSecond: result.registrations / (result.windowMs / 1000), errors: result.errors, errorKinds: result.errorKinds }));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`throughput worker exited ${code}`));
    });
  });
}

/**
 * Registrations per second through the emulator (SAS checked, static allocation, Retry-After 0): 50
 * devices in a closed loop, each PUT register then poll to `assigned` (HTTPS) or the same exchanges
 * on the DPS topics (MQTT).
 */
export async function measureEmulator(transport: 'https' | 'mqtt'): Promise<ThroughputFigure> {
  const emulator = await startEmulator({ httpsPort: 0, mqttPort: 0, retryAfterSeconds: 0, allocator: staticAllocator() });
  try {
    const endpoint = { host: '127.0.0.1', httpsPort: emulator.httpsPort, mqttPort: emulator.mqttPort, caPem: emulator.caPem, idScope: emulator.idScope };
    return await drive(endpoint, emulator.groupKey ?? '', transport, `bench-${transport}`);
  } finally {
    await emulator.close();
  }
}

/** The same devices against the bare baseline of the transport (plain node:https server / plain aedes relay). */
export async function measureBaseline(transport: 'https' | 'mqtt'): Promise<ThroughputFigure> {
  const bare = transport === 'https' ? await startBareHttpsServer() : await startBareMqttBroker();
  try {
    const endpoint = { host: '127.0.0.1', httpsPort: bare.port, mqttPort: bare.port, caPem: bare.caPem, idScope: '0ne0000BE4C' };
    return await drive(endpoint, randomBytes(32).toString('base64'), transport, `bare-${transport}`);
  } finally {
    await bare.close();
  }
}
