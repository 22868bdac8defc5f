/**
 * The simulated devices of the throughput bench, in their own thread so that the server under test
 * has the main thread (and, on two cores, a core) to itself. Each device registers in a closed loop;
 * completions inside the measuring window are counted.
 */
import { setMaxListeners } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { DeviceFleet } from '../src/load/device-fleet.js';
import type { DeviceEndpoint } from '../src/load/simulated-device.js';

export interface ThroughputJob {
  endpoint: DeviceEndpoint;
  groupKey: string;
  transport: 'https' | 'mqtt';
  devices: number;
  warmupMs: number;
  measureMs: number;
  prefix: string;
}

export interface ThroughputResult {
  registrations: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** polls sent by the registrations counted */
  polls: number;
  windowMs: number;
  /** CPU time of the whole process (server, webhook and devices) inside the window, ms */
  cpuMs: number;
}

const job = workerData as ThroughputJob;
const fleet = await DeviceFleet.create({ endpoint: job.endpoint, groupKey: job.groupKey, count: job.devices, transport: job.transport, prefix: job.prefix });
const signal = new AbortController().signal;
// each device's registration listens on this one signal: not a leak
setMaxListeners(job.devices * 4, signal);
const t0 = performance.now();
const windowStart = t0 + job.warmupMs;
const windowEnd = windowStart + job.measureMs;
const result: ThroughputResult = { registrations: 0, errors: 0, errorKinds: {}, polls: 0, windowMs: job.measureMs, cpuMs: 0 };
// process.cpuUsage is the whole process's, this worker's and the main thread's together
let cpuAtStart: NodeJS.CpuUsage | undefined;
const windowCpu = (): void => {
  if (!cpuAtStart || result.cpuMs > 0) return;
  const used = process.cpuUsage(cpuAtStart);
  result.cpuMs = (used.user + used.system) / 1000;
};
const cpuTimers = [setTimeout(() => (cpuAtStart = process.cpuUsage()), job.warmupMs), setTimeout(windowCpu, job.warmupMs + job.measureMs)];
await Promise.all(
  fleet.devices.map(async (device) => {
    const body = `{"registrationId":"${device.registrationId}","payload":{"modelId":"dtmi:com:example:Thermostat;1"}}`;
    while (performance.now() < windowEnd) {
      const end = await device.register(body, { timeoutMs: 10_000, signal, minPollMs: 0 });
      const now = performance.now();
      if (now < windowStart || now > windowEnd) continue;
      result.polls += end.polls ?? 0;
      if (end.outcome === 'ok') result.registrations += 1;
      else {
        result.errors += 1;
        const kind = end.detail ?? end.outcome;
        result.errorKinds[kind] = (result.errorKinds[kind] ?? 0) + 1;
      }
    }
  }),
);
for (const timer of cpuTimers) clearTimeout(timer);
// the devices can all finish their last registration before the end timer had its turn
windowCpu();
await fleet.close();
parentPort?.postMessage(result);
