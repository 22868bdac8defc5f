/**
 * An adapter misbehaved: the case it was running is `errored` (a TargetMisbehaviour), never a harness
 * error. `kind` reads like a mismatch name; `evidence` holds what was exchanged and the stderr tail.
 */
export type AdapterFaultKind =
  | 'timeout'
  | 'crash'
  | 'malformed'
  | 'off-schema'
  | 'wrong-seq'
  | 'duplicate-reply'
  | 'non-protocol-output'
  | 'too-large'
  | 'gave-up';

export interface AdapterFaultEvidence {
  request?: unknown;
  /** stdout lines received while the request was open (truncated) */
  stdout?: string[];
  stderr?: string;
  exit?: { code: number | null; signal: string | null };
  schemaErrors?: unknown;
  /**
   * `restart`: the fault came while starting the adapter again for a request, after it had started
   * and answered before in this run (a restart that runs out of time on a loaded machine is the
   * harness's problem to retry, not a verdict on the implementation)
   */
  during?: 'restart';
  /**
   * a `timeout` whose reply did come, this long after the harness's deadline (within the late window,
   * adapter-client.ts): the adapter answered, the machine was too slow for the time given
   */
  lateByMs?: number;
}

export class AdapterFault extends Error {
  constructor(
    readonly kind: AdapterFaultKind,
    message: string,
    readonly evidence: AdapterFaultEvidence = {},
  ) {
    super(message);
    this.name = 'AdapterFault';
  }
}

export function isAdapterFault(value: unknown): value is AdapterFault {
  return value instanceof AdapterFault;
}
