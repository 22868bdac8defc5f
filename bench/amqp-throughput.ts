import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { startEmulator, staticAllocator } from '../src/emulator/index.js';
import type { AmqpJob, AmqpResult } from './amqp-worker.js';
import { startBareAmqpServer } from './bare-amqp-server.js';
import type { BenchRow } from './bench-row.js';
import type { ThroughputFigure } from './emulator-throughput.js';

/** devices in the closed loop, as the HTTPS and MQTT rows' largest fleet */
const BENCH_DEVICES = 50;
const ROUNDS = 2;
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

function errorsNote(label: string, f: ThroughputFigure): string {
  return f.errors === 0 ? '' : `; ${label}: ${f.errors} failed registrations`;
}

/** The AMQP throughput row: the emulator against a bare rhea server, best of alternating rounds. */
export async function amqpThroughputRow(log: (line: string) => void): Promise<BenchRow> {
  log(`emulator throughput over amqp (${BENCH_DEVICES} devices) and a bare rhea server`);
  let baseline: ThroughputFigure | undefined;
  let emulator: ThroughputFigure | undefined;
  for (let round = 0; round < ROUNDS; round += 1) {
    const b = await measureAmqpBaseline();
    const e = await measureAmqpEmulator();
    if (!baseline || b.perSecond > baseline.perSecond) baseline = b;
    if (!emulator || e.perSecond > emulator.perSecond) emulator = e;
  }
  if (!baseline || !emulator) throw new Error('no AMQP throughput rounds ran');
  const ratio = emulator.perSecond / baseline.perSecond;
  return {
    name: 'emulator amqp registrations/s',
    figure: emulator.perSecond,
    unit: '/s',
    baseline: baseline.perSecond,
    ratio,
    target: '>= 50%',
    met: ratio >= 0.5 && emulator.errors === 0,
    note:
      `best of ${ROUNDS} alternating rounds of 1 s warm-up + 5 s; ${BENCH_DEVICES} devices in a worker thread, ` +
      'one connection each (SASL PLAIN), closed loop of register then poll to assigned, SAS checked on every ' +
      'message, static allocation, Retry-After 0; baseline: bare rhea server over TLS answering the same two ' +
      `exchanges${errorsNote('emulator', emulator)}${errorsNote('bare', baseline)}`,
  };
}
