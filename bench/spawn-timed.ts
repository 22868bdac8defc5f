import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  status: number | null;
  wallMs: number;
  /** peak resident set size of the largest process of the tree, KiB (undefined when it could not be read) */
  peakRssKiB?: number;
  /** the largest sum of the resident sets of every process of the tree at one moment (sampled every 200 ms), KiB */
  peakTreeRssKiB?: number;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs a command to its end (bounded by `timeoutMs`), with its wall time and peak RSS: through
 * `/usr/bin/time -v` when present ("Maximum resident set size": the largest single process of the
 * tree), else by polling VmHWM of the process and its children in /proc.
 */
export interface SpawnTimedOptions {
  cwd: string;
  timeoutMs: number;
  memory?: boolean;
  env?: NodeJS.ProcessEnv;
}

export function spawnTimed(command: string, args: readonly string[], options: SpawnTimedOptions): Promise<TimedRun> {
  const useTime = options.memory === true && existsSync(GNU_TIME);
  const [file, argv] = useTime ? [GNU_TIME, ['-v', command, ...args]] : [command, [...args]];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], ...(options.env ? { env: options.env } : {}) });
    let stdout = '';
    let stderr = '';
    let polledKiB = 0;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const poller = options.memory === true && !useTime ? setInterval(() => (polledKiB = Math.max(polledKiB, treeHwmKiB(child.pid))), 50) : undefined;
    let treeKiB = 0;
    const treePoller = options.memory === true ? setInterval(() => (treeKiB = Math.max(treeKiB, treeRssKiB(child.pid))), 200) : undefined;
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(killer);
      if (poller) clearInterval(poller);
      if (treePoller) clearInterval(treePoller);
      const wallMs = performance.now() - started;
      const run: TimedRun = { status, wallMs, stdout, stderr };
      if (useTime) {
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (match?.[1]) run.peakRssKiB = Number(match[1]);
        const exit = /Exit status: (\d+)/.exec(stderr);
        if (exit?.[1]) run.status = Number(exit[1]);
      } else if (options.memory === true && polledKiB > 0) run.peakRssKiB = polledKiB;
      if (treeKiB > 0) run.peakTreeRssKiB = treeKiB;
      resolve(run);
    });
  });
}

/** The largest VmHWM in a process tree (KiB), from /proc. */
function treeHwmKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let peak = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    peak = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of children === '' ? [] : children.split(/\s+/)) peak = Math.max(peak, treeHwmKiB(Number(child)));
  } catch {
    // the process ended between reads
  }
  return peak;
}

/** The sum of VmRSS over a process tree now (KiB), from /proc. */
function treeRssKiB(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let sum = 0;
  try {
    sum = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of children === '' ? [] : children.split(/\s+/)) sum += treeRssKiB(Number(child));
  } catch {
    // the process ended between reads
  }
  return sum;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
