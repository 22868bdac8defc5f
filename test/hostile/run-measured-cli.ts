import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliPath, repoRoot, type CliRun } from '../helpers/run-cli.js';

/** The limit every hostile run must stay under (the bound, not a timing). */
export const PEAK_RSS_LIMIT_MB = 300;

export interface MeasuredRun extends CliRun {
  /** the CLI process's peak resident set size in MB (its own, not its children's) */
  peakRssMb: number;
  /** whether the CLI had to be killed for running past the hard limit */
  killed: boolean;
}

const preload = pathToFileURL(join(repoRoot, 'dist', 'test', 'hostile', 'report-peak-rss.js')).href;

/** VmHWM (peak RSS, kB) of a live process, or 0 when it cannot be read (already gone). */
function readVmHwm(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs the built CLI like `runCli` (test/helpers/run-cli.ts) and measures its peak RSS two ways: the
 * process reports its own maxRSS on exit (exact), and /proc/<pid>/status VmHWM is polled meanwhile (a
 * fallback for a CLI that had to be killed). `hardLimitMs` is the bound: past it the CLI is killed.
 */
export async function runMeasuredCli(
  args: readonly string[],
  options: { hardLimitMs: number; cwd?: string; onStdout?: (text: string, kill: (signal: NodeJS.Signals) => void) => void },
): Promise<MeasuredRun> {
  const dir = mkdtempSync(join(tmpdir(), 'dpsc-rss-'));
  const rssFile = join(dir, 'peak-rss');
  const started = Date.now();
  try {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, GITHUB_STEP_SUMMARY: '', DPSC_PEAK_RSS_FILE: rssFile, NODE_OPTIONS: `--import=${preload}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    let killed = false;
    const poll = setInterval(() => {
      if (child.pid !== undefined) polledKb = Math.max(polledKb, readVmHwm(child.pid));
    }, 25);
    const kill = (signal: NodeJS.Signals): void => void child.kill(signal);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, kill);
    });
    // keep only the end of a flood: the test reads stderr for a message, never for volume
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-64 * 1024)));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, options.hardLimitMs);
    const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, sig) => resolve([code, sig]));
    });
    clearTimeout(timer);
    clearInterval(poll);
    const reportedKb = Number(await readFile(rssFile, 'utf8').catch(() => '0'));
    return { status, signal, stdout, stderr, durationMs: Date.now() - started, peakRssMb: Math.max(reportedKb, polledKb) / 1024, killed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
