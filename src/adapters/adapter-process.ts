import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { LineSplitter } from './line-splitter.js';
import { killTaggedProcesses, newTreeTag, PROCESS_TREE_VARIABLE, type LeftProcess } from './process-tree.js';
import { TailBuffer } from './tail-buffer.js';

export interface AdapterProcessOptions {
  command: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
  maxLineBytes: number;
  stderrBytes: number;
}

/** What happens on the adapter's stdout and to the process, in arrival order. */
export type AdapterOutput =
  | { type: 'line'; text: string }
  | { type: 'overflow'; prefix: string; bytes: number }
  | { type: 'invalid-utf8'; prefixHex: string }
  | { type: 'exit'; code: number | null; signal: string | null };

/**
 * One adapter process: the command run through the shell in its own process group (so that stopping it
 * also stops whatever it started), stdout split into capped lines, stderr kept as a capped tail. Its
 * environment carries a tag (PROCESS_TREE_VARIABLE) that every descendant inherits, so that what left
 * the group (a `setsid` grandchild, a daemon) is found, killed and named when the adapter ends.
 */
export class AdapterProcess {
  readonly stderr: TailBuffer;
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private exited: { code: number | null; signal: string | null } | undefined;
  private readonly exitWaiters: Array<() => void> = [];
  private readonly treeTag = newTreeTag();
  private left: LeftProcess[] = [];

  constructor(options: AdapterProcessOptions, onOutput: (output: AdapterOutput) => void) {
    this.stderr = new TailBuffer(options.stderrBytes);
    this.child = spawn(options.command, {
      shell: true,
      cwd: options.cwd,
      env: { ...(options.env ?? process.env), [PROCESS_TREE_VARIABLE]: this.treeTag },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const splitter = new LineSplitter(options.maxLineBytes, {
      line: (text) => onOutput({ type: 'line', text }),
      overflow: (prefix, bytes) => onOutput({ type: 'overflow', prefix, bytes }),
      invalidUtf8: (prefixHex) => onOutput({ type: 'invalid-utf8', prefixHex }),
    });
    this.child.stdout.on('data', (chunk: Buffer) => splitter.push(chunk));
    this.child.stdout.on('end', () => splitter.end());
    this.child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk));
    // a crashed adapter makes writes fail with EPIPE; the exit event reports the crash
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error) => {
      this.stderr.push(Buffer.from(`[dps-conformance] cannot start the adapter: ${error.message}\n`));
      this.markExited(null, null, onOutput);
    });
    // 'close' waits for stdout to drain, so every line the adapter wrote is seen before its exit
    this.child.on('close', (code, signal) => this.markExited(code, signal, onOutput));
    // ...but a grandchild may hold stdout open after the adapter itself died: do not wait for it forever
    this.child.on('exit', (code, signal) => {
      setTimeout(() => this.markExited(code, signal, onOutput), 200).unref();
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** the processes of its tree that were still running outside its group once it ended (killed then) */
  get leftBehind(): readonly LeftProcess[] {
    return this.left;
  }

  get running(): boolean {
    return this.exited === undefined;
  }

  /** Writes one line; false when the adapter is gone. */
  send(line: string): boolean {
    if (!this.running || this.child.stdin.destroyed) return false;
    this.child.stdin.write(`${line}\n`);
    return true;
  }

  /**
   * Ends the process: stdin closed, then up to `graceMs` for it to exit by itself, then SIGTERM to the
   * whole group, then SIGKILL. Whatever the adapter left behind in its group is killed at the end.
   * Resolves with how the process ended: by itself, on SIGTERM, or only on SIGKILL.
   */
  async terminate(graceMs: number): Promise<'exited' | 'terminated' | 'killed'> {
    this.child.stdin.end();
    let ended: 'exited' | 'terminated' | 'killed' = 'exited';
    if (this.running) await this.waitForExit(graceMs);
    if (this.running) {
      ended = 'terminated';
      this.signalGroup('SIGTERM');
      await this.waitForExit(graceMs);
    }
    if (this.running) ended = 'killed';
    this.signalGroup('SIGKILL');
    if (this.running) await this.waitForExit(graceMs);
    // the group is gone: a process of the tree still running left it, and would outlive the run
    this.left = (await killTaggedProcesses(this.treeTag)).filter((p) => p.group !== this.child.pid);
    this.child.stdout.destroy();
    this.child.stderr.destroy();
    return ended;
  }

  /** Waits up to `ms` for the process to exit; resolves true if it has. */
  waitForExit(ms: number): Promise<boolean> {
    if (!this.running) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.exitWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private signalGroup(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is already gone
    }
  }

  private markExited(code: number | null, signal: string | null, onOutput: (output: AdapterOutput) => void): void {
    if (this.exited) return;
    this.exited = { code, signal };
    onOutput({ type: 'exit', code, signal });
    for (const wake of this.exitWaiters.splice(0)) wake();
  }
}
