import type { Dialect } from '../../src/results/check-result.js';
import type { RegistrationPlan } from '../../src/emulator/index.js';
import type { JsonValue } from '../../src/json/json-value.js';
import { parseJson } from '../../src/json/parse-json.js';
import type { DeviceTransport } from '../../src/adapters/protocol-types.js';
import { corpusSkipReason, deviceDataFor, type CorpusCase } from '../corpus/corpus-case.js';
import { DEVICE_CHECKS, type DeviceCheckDef } from './device-checks.js';

/** How the registration of a case is treated: a corpus shape, or one of the dedicated behaviours. */
export type DeviceCaseKind = 'corpus' | 'fragmented' | 'retry-after' | 'throttle' | 'wrong-credentials' | 'allocation-failed' | 'gives-up';

/** One registration the suite makes, and the checks that judge it. */
export interface DeviceCase {
  caseId: string;
  kind: DeviceCaseKind;
  /** the data the application gives the device; undefined = none */
  data?: JsonValue;
  /** the emulator plan (dialect is added per run) */
  plan: RegistrationPlan;
  /** overrides the command's --timeout for this case */
  timeoutMs?: number;
  /** the least `timeoutMs` this case can be judged in (its waits and more), whatever --timeout says */
  minTimeoutMs?: number;
  checks: DeviceCheckDef[];
  /** set when the whole case does not run in this dialect (corpus skip lists, as ajv keeps per-draft skip lists) */
  skipReason?: string;
  /** the device attests with an X.509 certificate the emulator issues (default: a symmetric key) */
  x509?: { enrollment: 'group' | 'individual' };
  /**
   * a second registration of a case (`fragmented`): the checks of the case's main registration, which
   * meet a defect of the device's requests first and carry its one failure (causal-gate.ts)
   */
  mainChecks?: readonly DeviceCheckDef[];
}

/** Retry-After the emulator gives in every case except the dedicated timing cases: tests stay fast. */
const FAST: RegistrationPlan = { retryAfterSeconds: 0 };
const PNP_DATA: JsonValue = { modelId: 'dtmi:com:example:Thermostat;1' };
/** Largest answer delivered in pieces: larger ones would spend seconds in pauses for no extra insight. */
const MAX_FRAGMENTED_DATA_CHARS = 2048;
/**
 * The Retry-After of the timing cases: what DPS sends (docs/protocol/https.md, "Retry-After"). A device
 * polling on the SDKs' 2 s default interval, or ignoring the value, is then seen polling too soon
 * (src/dps/retry-after-wait.ts); with 1 s it never was.
 */
export const DPS_RETRY_AFTER_SECONDS = 3;
/**
 * Waits in each timing case. A device on a 2 s interval falls a second further behind DPS's 3 s with
 * every wait, less its round trip, and is too soon once that passes the margin (1 s): three waits
 * leave it two seconds for three round trips (two 429s, which DPS answers at once, leave it one).
 */
const TIMING_WAITS = { polls: 3, throttles: 2 } as const;
/** Time a timing case gives the device beyond its waits (start-up, connection, answers, a loaded machine). */
const TIMING_SLACK_MS = 10_000;
const timingBudget = (waits: number): number => waits * DPS_RETRY_AFTER_SECONDS * 1000 + TIMING_SLACK_MS;
/**
 * The `timeoutMs` of the never-assigned case, whatever --timeout says: long enough that a device on a
 * loaded machine (a JVM, say) has its register answered 202 and meets the never-ending operation well
 * before it (the check is not reached otherwise), short enough not to slow the run much, since a
 * device without a deadline of its own is waited for all of it.
 */
export const GIVES_UP_BUDGET_MS = 8000;
/** The server-side behaviours of the dedicated cases; `emulate --scenarios` gives them to a device too. */
export const SCENARIO_PLANS = {
  /** 202 with Retry-After 3 s to the register and the next polls, then the terminal answer (3 waits) */
  retryAfter: { retryAfterSeconds: DPS_RETRY_AFTER_SECONDS, pollsBeforeDone: TIMING_WAITS.polls - 1 },
  /** the first two registers answered 429 (429001) with Retry-After 3 s */
  throttled: { ...FAST, throttleFirst: { retryAfterSeconds: DPS_RETRY_AFTER_SECONDS, times: TIMING_WAITS.throttles } },
  /** the allocation fails as DPS reports a webhook's 400 */
  allocationFailed: { ...FAST, allocation: { kind: 'failed', errorCode: 400207, errorMessage: 'Custom allocation failed with status code: 400' } },
  /** 61 bytes (prime) cuts multi-byte UTF-8 sequences at varying offsets, with few pauses */
  fragmented: { ...FAST, fragment: { chunkBytes: 61, pauseMs: 1 } },
} as const satisfies Record<string, RegistrationPlan>;
/** Corpus families whose data shapes are delivered again in pieces (the others repeat the same data). */
const FRAGMENTED_TAGS = new Set(['data-shape', 'numbers', 'structure', 'text', 'pnp']);

export function containsBigInt(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value).some(containsBigInt);
}

function corpusData(entry: CorpusCase, dialect: Dialect): { data?: JsonValue; size: number } {
  const data = deviceDataFor(entry, dialect);
  if (data === undefined) return { size: 0 };
  return { data: parseJson(data.json), size: data.json.length };
}

export interface DeviceCaseOptions {
  transport: DeviceTransport;
  dialect: Dialect;
  /** adds the end-to-end checks (`--webhook`) */
  endToEnd: boolean;
  /** the implementation claims X.509 (and the emulator serves it): the corpus's X.509 cases run too */
  x509?: boolean;
}

/**
 * The cases of one transport x dialect: every symmetric-key corpus case, the X.509 ones when the
 * implementation claims X.509 (TPM cases are the webhook suite's), the small ones again with
 * fragmented delivery, and one dedicated case per timing or error behaviour.
 */
export function deviceCases(corpus: readonly CorpusCase[], options: DeviceCaseOptions): DeviceCase[] {
  const { dialect, transport } = options;
  const mqtt = transport === 'mqtt' || transport === 'mqtt-ws';
  const cases: DeviceCase[] = [];
  const fragmented: DeviceCase[] = [];
  for (const entry of corpus) {
    const x509 = entry.attestation === 'x509';
    // TPM is not emulated (docs/protocol/tpm.md); X.509 cases run for implementations that claim it
    if (entry.attestation !== 'symmetricKey' && !(x509 && options.x509)) continue;
    const skipReason = corpusSkipReason(entry, dialect);
    if (skipReason !== undefined) {
      cases.push({ caseId: entry.id, kind: 'corpus', plan: FAST, checks: [DEVICE_CHECKS.dataSent], skipReason });
      continue;
    }
    const { data, size } = corpusData(entry, dialect);
    const checks: DeviceCheckDef[] = [
      DEVICE_CHECKS.adapterProtocol,
      DEVICE_CHECKS.requestPath,
      DEVICE_CHECKS.requestRegistrationId,
      DEVICE_CHECKS.requestSas,
      DEVICE_CHECKS.requestBody,
      DEVICE_CHECKS.dataSent,
      DEVICE_CHECKS.pollingTerminal,
      DEVICE_CHECKS.resultStatus,
      DEVICE_CHECKS.resultAssignment,
      DEVICE_CHECKS.returnDataFidelity,
    ];
    if (data !== undefined && dialect === 'ga') checks.push(DEVICE_CHECKS.dataObject);
    if (containsBigInt(data)) checks.push(DEVICE_CHECKS.dataBigIntegers, DEVICE_CHECKS.returnDataBigIntegers);
    if (mqtt) checks.push(DEVICE_CHECKS.mqttProtocol);
    if (transport === 'amqp' || transport === 'amqp-ws') checks.push(DEVICE_CHECKS.amqpProtocol);
    if (options.endToEnd) checks.push(DEVICE_CHECKS.e2eDataReachedWebhook, DEVICE_CHECKS.e2eReturnDataReachedDevice);
    // one 202 `assigning` poll before the end, so that "polls until terminal" means something
    const attestation = x509 ? { x509: { enrollment: entry.enrollment === 'individual' ? ('individual' as const) : ('group' as const) } } : {};
    cases.push({ caseId: entry.id, kind: 'corpus', ...(data !== undefined ? { data } : {}), plan: { ...FAST, pollsBeforeDone: 1 }, checks, ...attestation });
    if (data !== undefined && size <= MAX_FRAGMENTED_DATA_CHARS && (entry.tags ?? []).some((t) => FRAGMENTED_TAGS.has(t))) {
      fragmented.push({
        caseId: entry.id,
        kind: 'fragmented',
        data,
        plan: SCENARIO_PLANS.fragmented,
        checks: [DEVICE_CHECKS.returnDataFragmented],
        mainChecks: checks,
      });
    }
  }
  type Time = Pick<DeviceCase, 'timeoutMs' | 'minTimeoutMs'>;
  const dedicated = (caseId: string, kind: DeviceCaseKind, plan: RegistrationPlan, checks: DeviceCheckDef[], time: Time = {}): DeviceCase => ({
    caseId,
    kind,
    data: PNP_DATA,
    plan,
    checks: [DEVICE_CHECKS.adapterProtocol, ...checks],
    ...time,
  });
  return [
    ...cases,
    ...fragmented,
    dedicated('device-retry-after', 'retry-after', SCENARIO_PLANS.retryAfter, [DEVICE_CHECKS.pollingRetryAfter], { minTimeoutMs: timingBudget(TIMING_WAITS.polls) }),
    dedicated('device-throttled', 'throttle', SCENARIO_PLANS.throttled, [DEVICE_CHECKS.pollingThrottle], { minTimeoutMs: timingBudget(TIMING_WAITS.throttles) }),
    dedicated('device-wrong-key', 'wrong-credentials', FAST, [DEVICE_CHECKS.errorCredentials]),
    dedicated('device-allocation-failed', 'allocation-failed', SCENARIO_PLANS.allocationFailed, [DEVICE_CHECKS.errorAllocationFailed]),
    // DPS never finishes: `assigning` for ever, Retry-After 1 s (several polls within the budget)
    dedicated('device-never-assigned', 'gives-up', { retryAfterSeconds: 1, pollsBeforeDone: 1_000_000 }, [DEVICE_CHECKS.timeoutGivesUp], { timeoutMs: GIVES_UP_BUDGET_MS }),
  ];
}
