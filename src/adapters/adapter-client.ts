import { getSchemaRegistry, type SchemaRegistry } from '../schemas/schema-registry.js';
import { AdapterFault, type AdapterFaultKind } from './adapter-fault.js';
import { AdapterProcess, type AdapterOutput } from './adapter-process.js';
import type { JsonValue } from '../json/json-value.js';
import { parseJson } from '../json/parse-json.js';
import { stringifyJson } from '../json/stringify-json.js';
import type { LeftProcess } from './process-tree.js';
import { JSON_DEPTH_LIMIT, jsonTextDepth } from '../json/json-depth.js';

/**
 * The deepest protocol line the harness reads (docs/contract/adapter-protocol.md): returned data as
 * deep as JSON_DEPTH_LIMIT inside the reply's own levels fits with room to spare.
 */
export const ADAPTER_LINE_DEPTH_LIMIT = 2 * JSON_DEPTH_LIMIT;
import type { DeviceDriver, RegisterCommand, RegisterExchange, StartReply, StopOutcome } from './protocol-types.js';

export interface AdapterClientOptions {
  /** the adapter command, run through the shell */
  command: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** time for the adapter to answer `start` (it may load a whole SDK first) */
  startTimeoutMs?: number;
  /** time beyond a register request's `timeoutMs` before the reply counts as late (pipes, scheduling) */
  replySlackMs?: number;
  /** time given to answer `stop` and to exit, before SIGTERM and then SIGKILL to the process group */
  stopGraceMs?: number;
  /** how long after a reply more output still counts against that reply (duplicate replies, stray lines) */
  settleMs?: number;
  maxLineBytes?: number;
  stderrBytes?: number;
  /** consecutive timeouts after which the client gives up on the adapter */
  maxConsecutiveTimeouts?: number;
  registry?: SchemaRegistry;
}

type RequestKind = 'start' | 'register' | 'stop';

const REPLY_SCHEMA: Record<RequestKind, string> = {
  start: 'adapter/start-reply',
  register: 'adapter/register-reply',
  stop: 'adapter/stop-reply',
};
const REQUEST_SCHEMA: Record<RequestKind, string> = {
  start: 'adapter/start-request',
  register: 'adapter/register-request',
  stop: 'adapter/stop-request',
};

const MAX_EVIDENCE_LINES = 20;
/** A start that timed out is given twice as long next time, up to this many times the option. */
const MAX_START_STRETCH = 4;
const MAX_EVIDENCE_LINE_CHARS = 4000;

interface Pending {
  kind: RequestKind;
  seq: number;
  request: Record<string, unknown>;
  lines: string[];
  stderrMark: number;
  startedAt: number;
  /** the request's deadline (ms after `startedAt`) */
  timeoutMs: number;
  /** set once the deadline has passed and the client waits the late window (register only) */
  pastDeadline?: boolean;
  reply?: { message: Record<string, JsonValue>; line: string };
  timer?: NodeJS.Timeout;
  resolve: (value: { message: Record<string, JsonValue>; line: string; stderr: string; durationMs: number }) => void;
  reject: (fault: AdapterFault) => void;
}

/**
 * How long after a register request's deadline the client still waits for the reply before it calls
 * the adapter hung: half the request's time (at least the slack), all of it for the first register of
 * a process, which meets the implementation's cold start (a JVM loading an SDK on a loaded machine).
 * A reply in that window is late, not missing: the machine, not the adapter, fell behind.
 */
export function lateWindowMs(timeoutMs: number, replySlackMs: number, firstOfProcess: boolean): number {
  return firstOfProcess ? Math.max(replySlackMs, timeoutMs) : Math.max(replySlackMs, Math.round(timeoutMs / 2));
}

function clip(line: string): string {
  return line.length > MAX_EVIDENCE_LINE_CHARS ? `${line.slice(0, MAX_EVIDENCE_LINE_CHARS)}... [${line.length} chars]` : line;
}

/**
 * Adapter protocol v1 client (docs/contract/adapter-protocol.md) over a subprocess. Every misbehaviour of the adapter
 * (late, missing, malformed or off-schema reply, wrong or repeated seq, stray stdout, over-long line,
 * crash) rejects the request it concerns with an AdapterFault and retires the process; the next request
 * starts a fresh one. Nothing an adapter does makes this client throw anything else or hang.
 */
export class AdapterClient implements DeviceDriver {
  private readonly options: Required<Omit<AdapterClientOptions, 'env' | 'registry'>> & { env?: NodeJS.ProcessEnv };
  private readonly registry: SchemaRegistry;
  private proc: AdapterProcess | undefined;
  private started = false;
  private retiring: Promise<void> = Promise.resolve();
  private lastEnding: Promise<'exited' | 'terminated' | 'killed'> | undefined;
  /** what each ended adapter process left running outside its group (killed then), over the run */
  private readonly leftBehind: LeftProcess[] = [];
  private seq = 0;
  private pending: Pending | undefined;
  private strayFault: AdapterFault | undefined;
  private answered = new Set<number>();
  private consecutiveTimeouts = 0;
  private gaveUp = false;
  /** grows after a start that ran out of time (a loaded machine), up to MAX_START_STRETCH times the option */
  private startTimeoutMs: number;
  /** the adapter answered `start` once in this run: a later start is a restart */
  private everStarted = false;
  /** register requests sent to the current process: its first one meets the implementation's cold start */
  private registersThisProcess = 0;
  /** how many processes were started; tests and evidence use it */
  spawnCount = 0;

  constructor(options: AdapterClientOptions) {
    this.options = {
      command: options.command,
      cwd: options.cwd ?? process.cwd(),
      startTimeoutMs: options.startTimeoutMs ?? 15_000,
      replySlackMs: options.replySlackMs ?? 1_000,
      stopGraceMs: options.stopGraceMs ?? 2_000,
      settleMs: options.settleMs ?? 5,
      maxLineBytes: options.maxLineBytes ?? 4 * 1024 * 1024,
      stderrBytes: options.stderrBytes ?? 64 * 1024,
      maxConsecutiveTimeouts: options.maxConsecutiveTimeouts ?? 3,
      ...(options.env ? { env: options.env } : {}),
    };
    this.registry = options.registry ?? getSchemaRegistry();
    this.startTimeoutMs = this.options.startTimeoutMs;
  }

  get exhausted(): boolean {
    return this.gaveUp;
  }

  /** true while a started adapter process is running */
  get running(): boolean {
    return this.proc?.running === true && this.started;
  }

  /** The stderr the current (or last) adapter process wrote, capped. */
  stderrTail(): string {
    return this.proc?.stderr.text() ?? '';
  }

  async start(): Promise<StartReply> {
    await this.ensureProcess();
    let message: Record<string, JsonValue>;
    try {
      ({ message } = await this.request('start', { cmd: 'start', version: 1 }, this.startTimeoutMs));
    } catch (error) {
      // the next start (a new process) gets longer: an SDK's start-up on a busy machine outruns a fixed limit
      if (error instanceof AdapterFault && error.kind === 'timeout') this.startTimeoutMs = Math.min(this.startTimeoutMs * 2, this.options.startTimeoutMs * MAX_START_STRETCH);
      throw error;
    }
    this.started = true;
    this.everStarted = true;
    // onLine validated the reply against the same schema; the guard types it without a cast
    const reply = this.registry.check('adapter/start-reply', message);
    if (!reply.valid) throw new AdapterFault('off-schema', `the start reply does not match ${reply.schema}`, { schemaErrors: reply.errors });
    return reply.value;
  }

  async register(command: RegisterCommand): Promise<RegisterExchange> {
    if (this.gaveUp) {
      throw new AdapterFault('gave-up', `not sent: the adapter timed out ${this.options.maxConsecutiveTimeouts} times in a row, so the run stopped using it`);
    }
    if (!this.proc || !this.started) {
      try {
        await this.start();
      } catch (error) {
        if (error instanceof AdapterFault) {
          throw new AdapterFault(error.kind, `restarting the adapter: ${error.message}`, { ...error.evidence, ...(this.everStarted ? { during: 'restart' as const } : {}) });
        }
        throw error;
      }
    }
    this.registersThisProcess += 1;
    const { message, line, stderr, durationMs } = await this.request(
      'register',
      { cmd: 'register', ...command },
      command.timeoutMs + this.options.replySlackMs,
      lateWindowMs(command.timeoutMs, this.options.replySlackMs, this.registersThisProcess === 1),
    );
    const reply = this.registry.check('adapter/register-reply', message);
    if (!reply.valid) throw new AdapterFault('off-schema', `the register reply does not match ${reply.schema}`, { schemaErrors: reply.errors });
    return {
      request: { seq: reply.value.seq, cmd: 'register', ...command },
      reply: reply.value,
      replyLine: line,
      stderr,
      durationMs,
    };
  }

  async stop(): Promise<StopOutcome> {
    const proc = this.proc;
    let replied = false;
    let problem: string | undefined;
    if (proc?.running && this.started && !this.pending) {
      try {
        await this.request('stop', { cmd: 'stop' }, this.options.stopGraceMs);
        replied = true;
      } catch (error) {
        // a bad stop reply changes nothing here: the process is ended below either way
        problem = error instanceof Error ? error.message : String(error);
      }
    } else if (!proc?.running) {
      await this.retiring;
      return { replied: false, ended: 'not-running', ...(this.leftBehind.length > 0 ? { leftBehind: [...this.leftBehind] } : {}) };
    }
    // a stop that timed out has already retired the process: its ending is the one to report
    const ending = this.retire() ?? this.lastEnding;
    await this.retiring;
    const left = this.leftBehind.length > 0 ? { leftBehind: [...this.leftBehind] } : {};
    return { replied, ended: (await ending) ?? 'not-running', ...(problem === undefined ? {} : { problem }), ...left };
  }

  private async ensureProcess(): Promise<void> {
    if (this.proc?.running) return;
    await this.retiring;
    this.started = false;
    this.answered = new Set();
    this.registersThisProcess = 0;
    this.spawnCount += 1;
    const proc: AdapterProcess = new AdapterProcess(
      {
        command: this.options.command,
        cwd: this.options.cwd,
        maxLineBytes: this.options.maxLineBytes,
        stderrBytes: this.options.stderrBytes,
        ...(this.options.env ? { env: this.options.env } : {}),
      },
      (output) => this.onOutput(proc, output),
    );
    this.proc = proc;
  }

  private request(
    kind: RequestKind,
    body: Record<string, unknown>,
    timeoutMs: number,
    lateWindow = 0,
  ): Promise<{ message: Record<string, JsonValue>; line: string; stderr: string; durationMs: number }> {
    const proc = this.proc;
    this.seq += 1;
    const request = { seq: this.seq, ...body };
    const check = this.registry.validate(REQUEST_SCHEMA[kind], undefined, request);
    if (!check.valid) {
      // the harness built a request its own schema rejects: that is the harness's fault, not the adapter's
      return Promise.reject(new Error(`internal: ${kind} request does not match ${check.schema}: ${check.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`));
    }
    return new Promise((resolve, reject) => {
      const pending: Pending = {
        kind,
        seq: this.seq,
        request,
        lines: [],
        stderrMark: proc?.stderr.position() ?? 0,
        startedAt: Date.now(),
        timeoutMs,
        resolve,
        reject,
      };
      this.pending = pending;
      const stray = this.strayFault;
      if (stray) {
        this.strayFault = undefined;
        this.fail(stray.kind, `before this request: ${stray.message}`, stray.evidence);
        return;
      }
      if (!proc?.running || !proc.send(stringifyJson(request))) {
        this.fail('crash', 'the adapter is not running (it exited before the request could be sent)');
        return;
      }
      const timedOut = (): void => {
        this.consecutiveTimeouts += 1;
        if (this.consecutiveTimeouts >= this.options.maxConsecutiveTimeouts) this.gaveUp = true;
        this.fail('timeout', `no ${kind} reply within ${timeoutMs} ms${lateWindow > 0 ? ` (nor in the ${lateWindow} ms after)` : ''}`);
      };
      pending.timer = setTimeout(() => {
        if (lateWindow <= 0) return timedOut();
        // the adapter may still answer: a reply now tells a machine too slow for the deadline from an adapter that hangs
        pending.pastDeadline = true;
        pending.timer = setTimeout(timedOut, lateWindow);
      }, timeoutMs);
    });
  }

  private onOutput(proc: AdapterProcess, output: AdapterOutput): void {
    if (proc !== this.proc) return; // a retired process: nothing it says counts any more
    const pending = this.pending;
    switch (output.type) {
      case 'line':
        if (pending && pending.lines.length < MAX_EVIDENCE_LINES) pending.lines.push(clip(output.text));
        this.onLine(output.text);
        return;
      case 'overflow':
        this.fail('too-large', `the adapter wrote a stdout line longer than ${this.options.maxLineBytes} bytes`, { stdout: [clip(output.prefix)] });
        return;
      case 'invalid-utf8':
        this.fail('malformed', `the adapter wrote a stdout line that is not UTF-8 (starts with hex ${output.prefixHex.slice(0, 32)})`);
        return;
      case 'exit': {
        const exit = { code: output.code, signal: output.signal };
        const how = output.signal ? `was killed by ${output.signal}` : `exited with status ${output.code}`;
        if (pending && !pending.reply) {
          this.fail('crash', `the adapter ${how} before replying to ${pending.kind}`, { exit });
        } else {
          // exiting between requests is not a fault by itself: the next request starts a new process
          this.started = false;
        }
        return;
      }
    }
  }

  private onLine(text: string): void {
    let message: JsonValue;
    const depth = jsonTextDepth(text, ADAPTER_LINE_DEPTH_LIMIT);
    if (depth > ADAPTER_LINE_DEPTH_LIMIT) {
      // refused before parsing: no parse or walk of what the adapter wrote can run out of stack
      this.fail('malformed', `the adapter wrote a line nested more than ${ADAPTER_LINE_DEPTH_LIMIT} levels deep, deeper than the adapter protocol allows: ${JSON.stringify(text.slice(0, 80))}`);
      return;
    }
    try {
      message = parseJson(text);
    } catch (error) {
      const trimmed = text.trimStart();
      const kind: AdapterFaultKind = trimmed.startsWith('{') ? 'malformed' : 'non-protocol-output';
      const what = kind === 'malformed' ? `a line that is not valid JSON (${(error as Error).message})` : 'a stdout line that is not protocol';
      this.fail(kind, `the adapter wrote ${what}: ${JSON.stringify(text.slice(0, 80))}`);
      return;
    }
    if (message === null || typeof message !== 'object' || Array.isArray(message)) {
      this.fail('off-schema', `the adapter wrote a JSON line that is not an object: ${JSON.stringify(text.slice(0, 80))}`);
      return;
    }
    const seq = message['seq'];
    const pending = this.pending;
    if (pending && !pending.reply && seq === pending.seq) {
      const check = this.registry.validate(REPLY_SCHEMA[pending.kind], undefined, message);
      if (!check.valid) {
        const first = check.errors[0];
        this.fail('off-schema', `the ${pending.kind} reply does not match ${check.schema}: ${first ? `${first.path || '/'} ${first.message}` : 'invalid'}`, {
          schemaErrors: check.errors,
        });
        return;
      }
      this.answered.add(pending.seq);
      // only a register reply breaks a run of timeouts: a restarted adapter answering start proves little
      if (pending.kind === 'register') this.consecutiveTimeouts = 0;
      if (pending.pastDeadline) {
        this.late(pending);
        return;
      }
      pending.reply = { message, line: text };
      if (pending.timer) clearTimeout(pending.timer);
      // more output right after a reply (a second reply, a log line) still belongs to this request
      pending.timer = setTimeout(() => this.settle(pending), pending.kind === 'stop' ? 0 : this.options.settleMs);
      return;
    }
    if (typeof seq === 'number' && this.answered.has(seq)) {
      this.fail('duplicate-reply', `the adapter replied to seq ${seq} a second time`);
      return;
    }
    const expected = pending && !pending.reply ? `seq ${pending.seq}` : 'nothing (no request was open)';
    this.fail('wrong-seq', `the adapter replied with seq ${stringifyJson(seq ?? null)}, expected ${expected}`);
  }

  private settle(pending: Pending): void {
    if (this.pending !== pending || !pending.reply) return;
    this.pending = undefined;
    pending.resolve({
      message: pending.reply.message,
      line: pending.reply.line,
      stderr: this.proc?.stderr.since(pending.stderrMark) ?? '',
      durationMs: Date.now() - pending.startedAt,
    });
  }

  /**
   * A valid reply after the harness's deadline: the adapter works (its process is kept), but the
   * registration ran past the time the harness gave it, so it is not judged; the fault says how late
   * (`lateByMs`), which makes it the harness's to retry (suites/device/harness-faults.ts).
   */
  private late(pending: Pending): void {
    if (pending.timer) clearTimeout(pending.timer);
    this.pending = undefined;
    const lateByMs = Date.now() - pending.startedAt - pending.timeoutMs;
    const stderr = this.proc?.stderr.since(pending.stderrMark) ?? '';
    pending.reject(
      new AdapterFault('timeout', `the ${pending.kind} reply came ${lateByMs} ms after the harness's deadline of ${pending.timeoutMs} ms`, {
        request: pending.request,
        stdout: pending.lines,
        stderr,
        lateByMs,
      }),
    );
  }

  /** Rejects the open request (or remembers the fault for the next one) and retires the process. */
  private fail(kind: AdapterFaultKind, message: string, extra: Partial<AdapterFault['evidence']> = {}): void {
    const pending = this.pending;
    if (pending?.kind === 'register' && kind !== 'timeout') this.consecutiveTimeouts = 0;
    const evidence = {
      ...(pending ? { request: pending.request, stdout: pending.lines } : {}),
      stderr: this.proc?.stderr.since(pending?.stderrMark ?? 0) ?? '',
      ...extra,
    };
    const fault = new AdapterFault(kind, message, evidence);
    if (pending) {
      if (pending.timer) clearTimeout(pending.timer);
      this.pending = undefined;
      pending.reject(fault);
    } else if (!this.strayFault) {
      this.strayFault = fault;
    }
    void this.retire();
  }

  private retire(): Promise<'exited' | 'terminated' | 'killed'> | undefined {
    const proc = this.proc;
    if (!proc) return undefined;
    this.proc = undefined;
    this.started = false;
    const ending = this.retiring.then(async () => {
      const ended = await proc.terminate(this.options.stopGraceMs);
      this.leftBehind.push(...proc.leftBehind);
      return ended;
    });
    this.retiring = ending.then(() => undefined);
    this.lastEnding = ending;
    return ending;
  }
}
