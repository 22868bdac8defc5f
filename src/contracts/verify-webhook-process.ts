/**
 * The parent's side of the Pact verifier child (`verify-webhook-worker.ts`): forks it (possibly ahead
 * of its job, see `prewarmWebhookVerifier`), hands it one job and waits for its one reply, within a
 * deadline and an abort signal.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { internalError } from '../errors/harness-error.js';
import type { WorkerJob, WorkerReply } from './verify-webhook-worker.js';

const workerPath = fileURLToPath(new URL('./verify-webhook-worker.js', import.meta.url));

/** A forked verifier child, with what it has printed so far (its last 8 KB, for a crash message). */
interface WorkerProcess {
  child: ChildProcess;
  output: string;
  /** set when the child could not be started (reported by the run that would have used it) */
  startError?: Error;
}

function forkWorker(): WorkerProcess {
  // execArgv is not inherited: the parent may run under flags (e.g. --input-type) that break the worker
  const child = fork(workerPath, [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
  const worker: WorkerProcess = { child, output: '' };
  const keep = (chunk: Buffer): void => {
    worker.output = (worker.output + chunk.toString('utf8')).slice(-8_192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // a spare that fails to start must not throw from an unhandled 'error' event
  child.on('error', (error) => {
    worker.startError ??= error;
  });
  return worker;
}

/** Children forked ahead of their job, not yet used; they do not keep the process alive. */
const spares: WorkerProcess[] = [];

/** The handles of a child's process, IPC channel and output pipes: held while it works, released while it waits. */
function holdOpen(worker: WorkerProcess, hold: boolean): void {
  const { child } = worker;
  const handles = [child, child.channel, child.stdout as Socket | null, child.stderr as Socket | null];
  for (const handle of handles) {
    if (hold) handle?.ref();
    else handle?.unref();
  }
}

/**
 * Forks `count` verifier children now, ahead of their jobs: loading Pact and its native core takes the
 * better part of a second, which then overlaps with planning and the run's own requests. The next
 * `runWorker` calls (`verifyWebhookContract`) use them, and fork a fresh one when none is left. A spare
 * never used keeps nothing open: it ends with this process (the worker exits when its channel closes).
 */
export function prewarmWebhookVerifier(count = 1): void {
  for (let i = 0; i < count; i += 1) {
    const worker = forkWorker();
    holdOpen(worker, false);
    spares.push(worker);
  }
}

function takeWorker(): WorkerProcess {
  for (let spare = spares.shift(); spare; spare = spares.shift()) {
    const { child } = spare;
    if (spare.startError === undefined && child.connected && child.exitCode === null && child.signalCode === null) {
      holdOpen(spare, true);
      return spare;
    }
    child.kill('SIGKILL');
  }
  return forkWorker();
}

/** Runs one job in a verifier child (a prewarmed one when there is one) and resolves with its reply. */
export function runWorker(job: WorkerJob, deadlineMs: number, signal?: AbortSignal): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = takeWorker();
    const { child } = worker;
    let reply: WorkerReply | undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    const onAbort = (): void => {
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const cannotStart = (error: Error): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      reject(internalError(`cannot start the contract verifier: ${error.message}`, error));
    };
    if (worker.startError) {
      cannotStart(worker.startError);
      return;
    }
    child.once('message', (message) => {
      reply = message as WorkerReply;
    });
    child.once('error', cannotStart);
    child.once('exit', (code, killedBy) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (reply) resolve(reply);
      else if (signal?.aborted) reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      else if (killedBy === 'SIGKILL') resolve({ failure: `timeout: verification did not finish within ${deadlineMs} ms`, exchanges: [] });
      else reject(internalError(`the contract verifier stopped without a result (exit ${code ?? killedBy}): ${worker.output.trim().split('\n').slice(-5).join(' | ')}`));
    });
    child.send(job);
  });
}
