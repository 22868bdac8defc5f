import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** A running CPU hog: one busy process per core. */
export interface CpuHog {
  processes: number;
  stop(): Promise<void>;
}

/**
 * Saturates every core with a busy loop in a child process of its own (so the harness's own event loop
 * is not the one spinning), until `stop`. Each child also ends by itself after `maxMs`, so a test that
 * dies without calling `stop` leaves nothing running for long.
 */
export function startCpuHog(options: { processes?: number; maxMs?: number } = {}): CpuHog {
  const count = options.processes ?? availableParallelism();
  const maxMs = options.maxMs ?? 10 * 60_000;
  const loop = `const end = Date.now() + ${maxMs}; let x = 0; while (Date.now() < end) { x = (x * 31 + 7) % 1000003; }`;
  const children: ChildProcess[] = Array.from({ length: count }, () => spawn(process.execPath, ['-e', loop], { stdio: 'ignore' }));
  return {
    processes: count,
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
    },
  };
}
