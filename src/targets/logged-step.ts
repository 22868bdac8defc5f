import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { InstallFailure } from './install-failure.js';

export interface StepOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** the step is ended (and fails) after this long; default 15 minutes */
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
}

const DEFAULT_STEP_TIMEOUT_MS = 15 * 60_000;

/**
 * Runs one install step (no shell), appending its command line and all its output to `logPath`.
 * Rejects with an InstallFailure naming the step and the log when it cannot start, exits non-zero,
 * is signalled, or runs past its time.
 */
export function runLoggedStep(title: string, command: string, args: readonly string[], logPath: string, options: StepOptions = {}): Promise<void> {
  appendFileSync(logPath, `\n$ ${[command, ...args].join(' ')}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const append = (chunk: Buffer): void => appendFileSync(logPath, chunk);
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    let reason: string | undefined;
    const timer = setTimeout(() => {
      reason = `no result after ${Math.round((options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS) / 1000)} s`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS);
    const onAbort = (): void => {
      reason = 'interrupted';
      child.kill('SIGTERM');
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      appendFileSync(logPath, `cannot start: ${error.message}\n`);
      reject(new InstallFailure(title, `cannot start ${command}: ${(error as NodeJS.ErrnoException).code ?? error.message}`, logPath));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (code === 0 && !reason) return resolve();
      const why = reason ?? (signal ? `ended by ${signal}` : `exit status ${code}`);
      appendFileSync(logPath, `step failed: ${why}\n`);
      reject(new InstallFailure(title, why, logPath));
    });
  });
}
