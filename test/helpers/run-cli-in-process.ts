import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliRun } from './run-cli.js';

export interface InProcessCliOptions {
  /** variables set (a string) or removed (undefined) for the duration of the call, then restored */
  env?: Readonly<Record<string, string | undefined>>;
  /** the working directory for the duration of the call (process.chdir), then restored */
  cwd?: string;
  /** after this long the run is interrupted as Ctrl-C would, and reported as killed (status null) */
  timeoutMs?: number;
}

/** How long an interrupted command gets to write what it has before the call gives up on it. */
const GRACE_MS = 10_000;

/** Process-wide state an in-process call may change; watched so that no call leaks it into the next test. */
const WATCHED_EVENTS = ['SIGINT', 'SIGTERM', 'exit', 'uncaughtException', 'unhandledRejection'] as const;

let running = 0;
let runningExclusive = false;

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, text: () => chunks.join('') };
}

function applyEnv(env: Readonly<Record<string, string | undefined>>): () => void {
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * Runs the CLI's entry (src/cli/main.ts) in this process, with the same answer as runCli: the exit
 * status main returns, and what the command wrote to its stdout and stderr. About 10 to 100 times
 * cheaper than a child process (no Node start-up, no module loading, schemas compiled once), so
 * use it wherever a test checks only exit status and output.
 *
 * Keep runCli (a real process) for what only a process shows: signals, stdin, the bin script, a
 * process exit code, output written past the command's streams, or a command that must not share
 * the test's memory. Calls with `env` or `cwd` change process-wide state and must not overlap another
 * in-process call; the helper refuses an overlap instead of letting one call see another's state. A call
 * that leaves a process-wide listener or process.exitCode behind fails.
 */
export async function runCliInProcess(args: readonly string[], options: InProcessCliOptions = {}): Promise<CliRun> {
  const changesEnv = options.env !== undefined && Object.keys(options.env).length > 0;
  const exclusive = changesEnv || options.cwd !== undefined;
  if (runningExclusive || (exclusive && running > 0)) {
    throw new Error('runCliInProcess: a call with env or cwd overlaps another in-process call; run them one after the other');
  }
  running += 1;
  runningExclusive = exclusive;
  const restoreEnv = changesEnv && options.env ? applyEnv(options.env) : () => undefined;
  const cwd = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  const listeners = WATCHED_EVENTS.map((event) => process.listenerCount(event));
  const exitCode = process.exitCode;
  const out = collector();
  const err = collector();
  const controller = new AbortController();
  const started = Date.now();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const finished = main(args, { stdout: out.stream, stderr: err.stream, signal: controller.signal });
    const limit = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
        timer = setTimeout(() => resolve('timeout'), GRACE_MS);
      }, options.timeoutMs ?? 60_000);
    });
    const status = await Promise.race([finished, limit]);
    const leaked = WATCHED_EVENTS.filter((event, i) => process.listenerCount(event) !== listeners[i]);
    if (leaked.length > 0) throw new Error(`runCliInProcess: dps-conformance ${args.join(' ')} left process listeners behind (${leaked.join(', ')})`);
    if (process.exitCode !== exitCode) {
      process.exitCode = exitCode;
      throw new Error(`runCliInProcess: dps-conformance ${args.join(' ')} set process.exitCode; a command returns its status instead`);
    }
    const stderr = timedOut ? `${err.text()}\n(runCliInProcess: interrupted after ${String(options.timeoutMs ?? 60_000)} ms)\n` : err.text();
    return {
      status: timedOut || status === 'timeout' ? null : status,
      signal: timedOut ? 'SIGKILL' : null,
      stdout: out.text(),
      stderr,
      durationMs: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
    restoreEnv();
    if (options.cwd !== undefined) process.chdir(cwd);
    running -= 1;
    runningExclusive = false;
  }
}
