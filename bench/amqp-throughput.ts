import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { startEmulator, staticAllocator } from '../src/emulator/index.js';
import type { AmqpJob, AmqpResult } from './amqp-worker.js';
import { startBareAmqpServer } from './bare-amqp-server.js';
import { BENCH_DEVICES, type ThroughputFigure } from './emulator-throughput.js';

const WARMUP_MS = 1000;
const MEASURE_MS = 5000;

function drive(job: Omit<AmqpJob, 'devices' | 'warmupMs' | 'measureMs'>): Promise<ThroughputFigure> {
  const worker = new Worker(new URL('./amqp-worker.js', import.meta.url), { workerData: { ...job, devices: BENCH_DEVICES, warmupMs: WARMUP_MS, measureMs: MEASURE_MS } satisfies AmqpJob });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: AmqpResult) => resolve({ perSecond: result.registrations / (result.windowMs / 1000), errors: result.errors, errorKinds: result.errors ? { 'not assigned': result.errors } : {} }));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`AMQP throughput worker exited ${code}`));
    });
  });
}

/**
 * Registrations per second through the emulator's AMQP front end (SASL PLAIN with a SAS checked on
 * every message, static allocation, Retry-After 0): 50 devices, one connection each, in a closed loop
 * of register + poll to `assigned` (a device re-registers on its connection, as DPS allows).
 */
export async function measureAmqpEmulator(): Promise<ThroughputFigure> {
  const emulator = await startEmulator({ retryAfterSeconds: 0, allocator: staticAllocator() });
  try {
    return await drive({ port: emulator.amqpPort, caPem: emulator.caPem, idScope: emulator.idScope, groupKey: emulator.groupKey ?? '', prefix: 'bench-amqp' });
  } finally {
    await emulator.close();
  }
}

/** The same devices against a bare rhea server answering the same two exchanges. */
export async function measureAmqpBaseline(): Promise<ThroughputFigure> {
  const bare = await startBareAmqpServer();
  try {
    return await drive({ port: bare.port, caPem: bare.caPem, idScope: '0ne0000BE4C', groupKey: randomBytes(32).toString('base64'), prefix: 'bare-amqp' });
  } finally {
    await bare.close();
  }
}
