import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCpuHog } from '../test/helpers/cpu-hog.js';
import type { BenchRow } from './bench-row.js';
import { spawnTimed } from './spawn-timed.js';
import { compareVerdicts, countOutcomes, describeDifferences, readVerdicts, type Verdicts } from './verdict-differences.js';

/** Runs of each device; the two devices, and their transports, run side by side. */
const RUNS = 3;
const TRANSPORTS = ['https', 'mqtt'] as const;
/** one device run's deadline; the hog outlives every round (the cpu-hog default of 10 min did not) */
const RUN_TIMEOUT_MS = 900_000;

/**
 * The device suite's verdicts must not change with machine load (issue 20): the reference device and a
 * correct but naive one (it counts Retry-After from its request, as the Azure IoT C SDK does) are run
 * through the whole suite `RUNS` times over HTTPS and MQTT, with every core saturated by a busy loop,
 * and every result is compared across the runs. Target: no verdict differs.
 */
export async function deviceStabilityRow(repoRoot: string, log: (line: string) => void): Promise<BenchRow> {
  const cli = join(repoRoot, 'bin', 'dps-conformance.js');
  const node = `"${process.execPath}"`;
  const devices = {
    'reference device': `${node} "${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}"`,
    'naive device (counts from its request)': `${node} "${join(repoRoot, 'dist', 'test', 'fixtures', 'adapters', 'naive-device.js')}" counts-from-request`,
  };
  const root = await mkdtemp(join(tmpdir(), 'dpsc-bench-stability-'));
  const hog = startCpuHog({ maxMs: RUNS * RUN_TIMEOUT_MS + 60_000 });
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0] ?? 0), 5000);
  const started = Date.now();
  const exits: string[] = [];
  try {
    const runsOf = new Map<string, Verdicts[]>();
    for (let round = 0; round < RUNS; round += 1) {
      log(`device suite under a CPU hog (${hog.processes} busy processes): round ${round + 1} of ${RUNS}`);
      await Promise.all(
        Object.entries(devices).flatMap(([name, adapter]) =>
          TRANSPORTS.map(async (transport) => {
            const out = join(root, `${name.replace(/\W+/g, '-')}-${transport}-${round}`);
            const args = [cli, 'device', '--adapter', adapter, '--transport', transport, '--out', out, '--reporter', 'quiet'];
            const run = await spawnTimed(process.execPath, args, { cwd: repoRoot, timeoutMs: RUN_TIMEOUT_MS });
            exits.push(String(run.status));
            const key = `${name} ${transport}`;
            runsOf.set(key, [...(runsOf.get(key) ?? []), await readVerdicts(out)]);
          }),
        ),
      );
    }
    const comparisons = [...runsOf.entries()].map(([key, runs]) => ({ key, comparison: compareVerdicts(runs), first: countOutcomes(runs[0]) }));
    const differing = comparisons.reduce((n, c) => n + c.comparison.differing.length + c.comparison.unmatched, 0);
    const compared = comparisons.reduce((n, c) => n + c.comparison.compared, 0);
    const meanLoad = loads.length === 0 ? Number.NaN : loads.reduce((a, b) => a + b, 0) / loads.length;
    return {
      name: 'device suite verdicts differing between runs under a CPU hog',
      figure: differing,
      unit: 'results',
      baseline: compared,
      target: '0',
      met: differing === 0 && compared > 0,
      note: `${RUNS} runs each of ${Object.keys(devices).join(' and ')} over ${TRANSPORTS.join(' and ')}, the four side by side, with ${hog.processes} busy-loop processes on ${hog.processes} cores; baseline column: results compared; load average ${meanLoad.toFixed(1)} on average (1-minute, sampled every 5 s); ${Math.round((Date.now() - started) / 1000)} s; exits ${exits.join(' ')}; ${comparisons.map((c) => `${c.key}: ${describeDifferences(c.comparison)} (first run: ${c.first})`).join('; ')}`,
    };
  } finally {
    clearInterval(sampler);
    await hog.stop();
    await rm(root, { recursive: true, force: true });
  }
}
