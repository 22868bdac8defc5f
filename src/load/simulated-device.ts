import type { SampleOutcome } from './load-sample.js';

/** Where simulated devices register: what a running emulator advertises. */
export interface DeviceEndpoint {
  /** address to connect to (loopback) */
  host: string;
  httpsPort: number;
  mqttPort: number;
  caPem: string;
  idScope: string;
}

export interface RegisterOptions {
  /** limit on the whole registration, PUT to terminal answer */
  timeoutMs: number;
  /** Ctrl-C: the registration ends `cancelled` */
  signal: AbortSignal;
  /** least wait between polls when Retry-After is 0 (0 = poll at once) */
  minPollMs: number;
}

export interface RegistrationEnd {
  outcome: SampleOutcome;
  latencyMs: number;
  detail?: string;
  /** false when an error had no answer at all (connection refused, reset, closed) */
  answered?: boolean;
  /** polls sent after the register request */
  polls?: number;
}

/** A lean simulated device: one connection, its SAS signed once, one registration at a time. */
export interface SimulatedDevice {
  readonly registrationId: string;
  /** registers with this body (JSON text) and polls to a terminal answer; never rejects */
  register(body: string, options: RegisterOptions): Promise<RegistrationEnd>;
  close(): Promise<void>;
}

/** The answer DPS gives on either transport, reduced to what a device acts on. */
export interface DpsAnswer {
  status: number;
  retryAfterSeconds?: number;
  body: Record<string, unknown>;
}

/** Upper bound on polls of one registration, beside the time limit (a loop bounded in count too). */
export const MAX_POLLS = 1000;

/** How a device's register-then-poll sequence ends, shared by both transports. */
export async function registerAndPoll(
  exchange: (step: { kind: 'register'; body: string } | { kind: 'poll'; operationId: string }, signal: AbortSignal) => Promise<DpsAnswer>,
  body: string,
  options: RegisterOptions,
): Promise<RegistrationEnd> {
  const started = performance.now();
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error('timeout')), options.timeoutMs);
  const signal = AbortSignal.any([deadline.signal, options.signal]);
  let polls = 0;
  const end = (outcome: SampleOutcome, detail?: string): RegistrationEnd => ({
    outcome,
    latencyMs: Math.round((performance.now() - started) * 10) / 10,
    polls,
    ...(detail === undefined ? {} : { detail }),
  });
  try {
    let answer = await exchange({ kind: 'register', body }, signal);
    const operationId = answer.body['operationId'];
    for (; answer.status === 202; polls += 1) {
      if (typeof operationId !== 'string' || operationId === '') return end('error', 'no operationId');
      if (polls >= MAX_POLLS) return end('error', `still assigning after ${MAX_POLLS} polls`);
      const waitMs = Math.max(options.minPollMs, (answer.retryAfterSeconds ?? 0) * 1000);
      if (waitMs > 0) await abortableSleep(waitMs, signal);
      answer = await exchange({ kind: 'poll', operationId }, signal);
    }
    if (answer.status !== 200) return end('error', `HTTP ${answer.status}`);
    const status = answer.body['status'];
    if (status === 'assigned') return end('ok');
    const state = answer.body['registrationState'] as Record<string, unknown> | undefined;
    const code = state?.['errorCode'];
    return end('error', `status ${JSON.stringify(status ?? null)}${typeof code === 'number' ? ` (${code})` : ''}`);
  } catch (error) {
    if (deadline.signal.aborted) return end('timeout');
    if (options.signal.aborted) return end('cancelled');
    return { ...end('error', errorKind(error)), answered: false };
  } finally {
    clearTimeout(timer);
  }
}

function errorKind(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.slice(0, 60) : String(error).slice(0, 60);
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
