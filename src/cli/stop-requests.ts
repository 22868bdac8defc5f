import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** How often the shell npm put between itself and this process is looked at (see watchNpxShell). */
const SHELL_POLL_MS = 200;
const SHELLS = new Set(['sh', 'dash', 'bash', 'ash', 'zsh', 'ksh', 'mksh', 'busybox']);

/**
 * Calls `stop` once when the process is asked to stop: SIGINT or SIGTERM, and under `npx` also the
 * signals npm sends that never reach this process (watchNpxShell). Returns the function that removes
 * every watch. A second SIGINT after the first one ends the process the default way (the listener is
 * gone), for a user who does not want to wait for the report.
 */
export function watchStopRequests(stop: (why: string) => void): () => void {
  let stopped = false;
  const once = (why: string): void => {
    if (stopped) return;
    stopped = true;
    stop(why);
  };
  const onInt = (): void => once('SIGINT');
  const onTerm = (): void => once('SIGTERM');
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onTerm);
  const unwatchShell = watchNpxShell(once);
  return () => {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
    unwatchShell();
  };
}

/**
 * `npx dps-conformance ...` runs npm, which runs `sh -c 'dps-conformance' ...`, which runs this
 * process (npm 7 and later, `@npmcli/run-script`). npm forwards SIGINT and SIGTERM to its child, the
 * shell, and to nothing else; a script's `kill -INT $!` reaches npm alone. Where /bin/sh is dash
 * (Debian, Ubuntu) the shell does not exec its one command, so the signal stops in the shell: dash
 * holds a SIGINT until its child exits (then raises it on itself), and dies at once of a SIGTERM,
 * after which npm re-raises the signal on itself and exits. This process would never know.
 *
 * So, when run by npx through a shell that runs only this command, it watches that shell: the shell
 * gone (SIGTERM, SIGHUP) is a stop; the shell woken while it waits for this process is a stop too.
 * A shell blocked in wait() for its only child wakes for nothing but a signal it catches (dash
 * catches SIGINT; signals it ignores are dropped without waking it) or a change of this process, so
 * one more voluntary context switch in /proc/PPID/status means the SIGINT npm forwarded. Linux only
 * (elsewhere the ppid check alone); a SIGCONT of this process (job control) resets the count.
 */
function watchNpxShell(stop: (why: string) => void): () => void {
  if (process.env['npm_lifecycle_event'] !== 'npx') return () => undefined;
  const shell = process.ppid;
  if (!isShellRunningOneCommand(shell)) return () => undefined;
  // counted from the first look at the shell asleep (in wait() for this process), never from a shell still busy
  let switches: number | undefined;
  const rebaseline = (): void => {
    switches = undefined;
  };
  const timer = setInterval(() => {
    if (process.ppid !== shell) {
      stop('npx was stopped (the shell npm started for this command ended)');
      return;
    }
    const now = wakeUpsWhileAsleep(shell);
    if (now === undefined) return;
    if (switches !== undefined && now > switches) stop('npx was interrupted (SIGINT)');
    switches = now;
  }, SHELL_POLL_MS);
  timer.unref();
  process.on('SIGCONT', rebaseline);
  return () => {
    clearInterval(timer);
    process.removeListener('SIGCONT', rebaseline);
  };
}

/** True when `pid` is a shell started with `-c` (as npm starts one for the command it runs). */
function isShellRunningOneCommand(pid: number): boolean {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return SHELLS.has(basename(argv[0] ?? '')) && argv[1] === '-c';
  } catch {
    return false; // no /proc (not Linux), or the shell is already gone
  }
}

/**
 * How many times `pid` went to sleep of its own accord (each wake-up from wait() adds one), read only
 * while it sleeps (state S): a shell caught running is read again at the next look.
 */
function wakeUpsWhileAsleep(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    if (!/^State:\s*S/m.test(status)) return undefined;
    const match = /^voluntary_ctxt_switches:\s*(\d+)$/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}
