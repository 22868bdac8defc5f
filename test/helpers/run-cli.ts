import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** The repository root, found from the compiled test file (dist/test/helpers -> ../../..). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const cliPath = join(repoRoot, 'bin', 'dps-conformance.js');

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/**
 * Runs the built CLI as a user would, in a child process, with a hard time limit so a hang fails the
 * test instead of the suite. A test that checks only exit status and output uses runCliInProcess
 * (run-cli-in-process.ts) instead: the same answer without a Node start-up; this one is for what only
 * a process shows (signals, stdin, the bin script), and its file is a `*.integration.test.ts`. `script`: another
 * entry to start instead of bin/dps-conformance.js.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; script?: string } = {},
): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.script ?? cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, durationMs: Date.now() - started });
    });
    child.stdin.end(options.input ?? '');
  });
}
