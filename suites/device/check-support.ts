import { CheckFailure, CheckSkipped, TargetMisbehaviour, type OutcomeDetails } from '../../src/results/check-outcome-errors.js';
import type { SecretRedactor } from '../../src/results/secret-redactor.js';
import type { RegisterError, RegisterResult } from '../../src/adapters/protocol-types.js';
import { stringifyJson } from '../../src/json/stringify-json.js';
import type { RegistrationRun } from './registration-run.js';
import type { AdapterOutcome } from './evidence/adapter-outcome.js';
import type { DeviceEvidence, RegistrationEvidence } from './evidence/registration-evidence.js';
import { COPY_DEPTH_LIMIT, cutMarker } from '../../src/json/json-depth.js';

const MAX_STRING = 8 * 1024;
const STDERR_TAIL = 4 * 1024;

/**
 * Long strings (a 90 KB payload, a PEM) cut short, so that evidence stays readable and reports small;
 * past COPY_DEPTH_LIMIT levels the value is cut with a marker, so the recursion stays bounded whatever
 * depth a device or webhook chose.
 */
function clipDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}... [${value.length} characters]` : value;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= COPY_DEPTH_LIMIT) return cutMarker(COPY_DEPTH_LIMIT);
  if (Array.isArray(value)) return value.map((item) => clipDeep(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clipDeep(v, depth + 1)]));
}

/** evidence built once per registration: its failed checks (a broken SDK fails ten at once) share one copy */
const evidenceByRun = new WeakMap<RegistrationRun, unknown>();

/** What a failed or errored device result carries: the adapter exchange, its stderr tail and the emulator transcript, redacted. */
export function evidenceOf(run: RegistrationRun, redactor: SecretRedactor): unknown {
  if (evidenceByRun.has(run)) return evidenceByRun.get(run);
  const evidence = buildEvidence(run, redactor);
  evidenceByRun.set(run, evidence);
  return evidence;
}

function buildEvidence(run: RegistrationRun, redactor: SecretRedactor): unknown {
  const stderr = run.exchange?.stderr ?? run.fault?.evidence.stderr ?? '';
  const { caPem: _caPem, ...endpoint } = run.command.endpoint;
  const evidence = {
    registrationId: run.registrationId,
    adapter: {
      request: { ...run.command, endpoint: { ...endpoint, caPem: '(the emulator CA)' } },
      ...(run.exchange ? { reply: run.exchange.replyLine, durationMs: run.exchange.durationMs } : {}),
      ...(run.fault ? { fault: { kind: run.fault.kind, message: run.fault.message, ...run.fault.evidence, request: undefined, stderr: undefined } } : {}),
      stderrTail: stderr.length > STDERR_TAIL ? `...${stderr.slice(-STDERR_TAIL)}` : stderr,
    },
    emulator: run.entries,
  };
  return redactor.redactDeep(clipDeep(evidence));
}

/** `fail` (-> failed) and `misbehaved` (-> errored), each attaching the evidence and redacting the details. */
function throwers(evidence: () => unknown, redactor: SecretRedactor) {
  const detailsOf = (details: Omit<OutcomeDetails, 'evidence'>): OutcomeDetails => ({ ...redactor.redactDeep(clipDeep(details) as OutcomeDetails), evidence: evidence() });
  return {
    fail(message: string, details: Omit<OutcomeDetails, 'evidence'> = {}): never {
      throw new CheckFailure(message, detailsOf(details));
    },
    misbehaved(message: string, details: Omit<OutcomeDetails, 'evidence'> = {}): never {
      throw new TargetMisbehaviour(message, detailsOf(details));
    },
  };
}

/** The reply the case goes on with, or the case ends here: a fault is `errored`, an adapter's `skipped` is `skipped`. */
function replyOf(adapter: AdapterOutcome, evidence: () => unknown): { result?: RegisterResult; error?: RegisterError } {
  switch (adapter.kind) {
    case 'result':
      return { result: adapter.result };
    case 'error':
      return { error: adapter.error };
    case 'unobserved':
      return {};
    case 'skipped':
      throw new CheckSkipped(`the adapter skipped this case: ${adapter.reason}`);
    case 'fault':
      throw new TargetMisbehaviour(`no usable adapter reply: ${adapter.fault.message}`, { mismatch: adapter.fault.kind, evidence: evidence() });
    case 'missing':
      throw new TargetMisbehaviour('no adapter reply', { mismatch: 'missing-reply', evidence: evidence() });
    case 'off-schema':
      throw new TargetMisbehaviour('the adapter reply holds no result, error or skip', { mismatch: 'off-schema', evidence: evidence() });
  }
}

/** Builds the throw helpers of one case, all attaching that case's evidence. */
export function verdicts(e: DeviceEvidence, redactor: SecretRedactor) {
  const evidence = (): unknown => evidenceOf(e.run, redactor);
  return {
    ...throwers(evidence, redactor),
    /** the reply, or the case ends here: a fault is `errored`, an adapter's `skipped` is `skipped` */
    reply: (): { result?: RegisterResult; error?: RegisterError } => replyOf(e.adapter, evidence),
  };
}

export type Verdicts = ReturnType<typeof verdicts>;

/**
 * The throw helpers for a registration judged from the server side alone (`emulate`): the same
 * outcomes, the emulator's record as evidence, and no adapter reply to read (`reply()` is empty).
 */
export function observedVerdicts(e: RegistrationEvidence, redactor: SecretRedactor): Verdicts {
  const evidence = (): unknown => redactor.redactDeep(clipDeep({ registrationId: e.run.registrationId, emulator: e.run.entries }));
  return { ...throwers(evidence, redactor), reply: () => replyOf(e.adapter, evidence) };
}

/** Short JSON for one-line messages. */
export function brief(value: unknown, max = 80): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = typeof value === 'function' || typeof value === 'symbol' ? typeof value : stringifyJson(value);
  } catch {
    text = `(${typeof value} that is not JSON)`;
  }
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}
