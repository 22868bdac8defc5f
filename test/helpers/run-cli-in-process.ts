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

interface Call {
  args: readonly string[];
  controller: AbortController;
  /** settles when the call has ended and restored what it changed */
  ended: Promise<void>;
}

const inFlight = new Set<Call>();
let started = 0;
/** the call that holds process.env / cwd changed, and the end of it; others wait for it */
let exclusive: Promise<void> | undefined;

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
 * the test's memory. A call with `env` or `cwd` changes process-wide state, so it runs alone: it
 * waits for the calls in flight, and later calls wait for it. A call that leaves a process-wide
 * listener or process.exitCode behind fails. A call still running when its test ends is interrupted
 * (guard-cli-calls.ts), so it cannot outlive its test.
 */
export async function runCliInProcess(args: readonly string[], options: InProcessCliOptions = {}): Promise<CliRun> {
  const changesProcess = (options.env !== undefined && Object.keys(options.env).length > 0) || options.cwd !== undefined;
  // a call with env or cwd runs alone; others only wait for such a call. No await between the last
  // check and the registration below, so that two calls cannot both pass the check
  for (;;) {
    if (exclusive) await exclusive;
    else if (changesProcess && inFlight.size > 0) await Promise.all([...inFlight].map((other) => other.ended));
    else break;
  }
  let end = (): void => undefined;
  const call: Call = { args, controller: new AbortController(), ended: new Promise<void>((resolve) => (end = resolve)) };
  inFlight.add(call);
  if (changesProcess) exclusive = call.ended;
  const alone = inFlight.size === 1;
  const startedBefore = (started += 1);
  const restoreEnv = changesProcess && options.env ? applyEnv(options.env) : () => undefined;
  const cwd = process.cwd();
  if (options.cwd !== undefined) process.chdir(options.cwd);
  const listeners = WATCHED_EVENTS.map((event) => process.listenerCount(event));
  const exitCode = process.exitCode;
  const out = collector();
  const err = collector();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const begun = Date.now();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    const finished = main(args, { stdout: out.stream, stderr: err.stream, signal: call.controller.signal });
    const limit = new Promise<'gave up'>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        call.controller.abort();
        timer = setTimeout(() => resolve('gave up'), GRACE_MS);
      }, timeoutMs);
    });
    const status = await Promise.race([finished, limit]);
    // listeners are compared only for a call that ran alone: another call's runs add and remove their own
    if (alone && inFlight.size === 1 && started === startedBefore) {
      const leaked = WATCHED_EVENTS.filter((event, i) => process.listenerCount(event) !== listeners[i]);
      if (leaked.length > 0) throw new Error(`runCliInProcess: dps-conformance ${args.join(' ')} left process listeners behind (${leaked.join(', ')})`);
    }
    if (process.exitCode !== exitCode) {
      process.exitCode = exitCode;
      throw new Error(`runCliInProcess: dps-conformance ${args.join(' ')} set process.exitCode; a command returns its status instead`);
    }
    const stderr = timedOut ? `${err.text()}\n(runCliInProcess: interrupted after ${String(timeoutMs)} ms)\n` : err.text();
    return {
      status: timedOut || status === 'gave up' ? null : status,
      signal: timedOut ? 'SIGKILL' : null,
      stdout: out.text(),
      stderr,
      durationMs: Date.now() - begun,
    };
  } finally {
    clearTimeout(timer);
    restoreEnv();
    if (options.cwd !== undefined) process.chdir(cwd);
    inFlight.delete(call);
    if (exclusive === call.ended) exclusive = undefined;
    end();
  }
}

/**
 * Interrupts every call still in flight (as Ctrl-C would) and waits for them to end, at most the
 * grace period; resolves with the command lines of those it had to interrupt. For the root hook that
 * runs after each test: a test that timed out, or forgot to await, must not leave a command running
 * (with its env, cwd or mocha run) into the next one.
 */
export async function interruptCallsInFlight(): Promise<string[]> {
  const calls = [...inFlight];
  for (const call of calls) call.controller.abort();
  await Promise.race([Promise.all(calls.map((call) => call.ended)), new Promise((resolve) => setTimeout(resolve, GRACE_MS).unref())]);
  return calls.map((call) => `dps-conformance ${call.args.join(' ')}`);
}
