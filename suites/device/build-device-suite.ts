import Mocha from 'mocha';
import type { RunningEmulator } from '../../src/emulator/index.js';
import type { DeviceDriver, DeviceTransport, StartReply } from '../../src/adapters/protocol-types.js';
import type { Dialect, ImplementationRef } from '../../src/results/check-result.js';
import { CheckSkipped, HarnessFault, TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import type { WebhookProfile } from '../../src/webhook-profile/webhook-profile.js';
import type { SecretRedactor } from '../../src/results/secret-redactor.js';
import { addCheck } from '../../src/runner/add-check.js';
import type { CorpusCase } from '../corpus/corpus-case.js';
import { parseJson } from '../../src/json/parse-json.js';
import { evidenceOf, verdicts, type Verdicts } from './check-support.js';
import { checkDataBigIntegers, checkDataObject, checkDataSent } from './checks/data-checks.js';
import { checkDataReachedWebhook, checkReturnDataReachedDevice } from './checks/e2e-checks.js';
import { checkErrorAllocationFailed, checkErrorCredentials, checkTimeoutGivesUp, isLateGivingUp } from './checks/error-checks.js';
import { checkMqttProtocol } from './checks/mqtt-checks.js';
import { checkAmqpProtocol } from './checks/amqp-checks.js';
import { checkPollingRetryAfter, checkPollingTerminal, checkPollingThrottle } from './checks/polling-checks.js';
import { checkRequestBody, checkRequestPath, checkRequestRegistrationId, checkRequestSas } from './checks/request-checks.js';
import { gateCheck } from './causal-gate.js';
import { withUnconfirmedNote } from './unconfirmed-notes.js';
import { allocationSeen, judgeWebhookAcceptance, type AllocationSeen } from './webhook-acceptance.js';
import { checkResultAssignment, checkResultStatus, checkReturnData, checkReturnDataBigIntegers } from './checks/result-checks.js';
import { deviceCases, type DeviceCase } from './device-case.js';
import { DEVICE_CHECKS } from './device-checks.js';
import { readRegistration, type DeviceEvidence } from './evidence/registration-evidence.js';
import { HARNESS_ATTEMPTS, runJudgeableRegistration } from './judgeable-registration.js';
import type { RegistrationRun } from './registration-run.js';

type CheckFn = (e: DeviceEvidence, v: Verdicts, redactor: SecretRedactor) => string;

function checkAdapterProtocol(e: DeviceEvidence, _v: Verdicts, redactor: SecretRedactor): string {
  const { run, adapter } = e;
  // where DPS never finishes, an adapter that simply waits for its implementation is late by design:
  // that lateness is device.timeout.givesUp's failure, not a protocol error (the adapter is restarted all the same)
  if (isLateGivingUp(e)) return `no reply within timeoutMs (+slack) where DPS never finishes: judged by ${DEVICE_CHECKS.timeoutGivesUp.id}; the adapter was restarted`;
  if (adapter.kind === 'fault') {
    throw new TargetMisbehaviour(`expected one valid register reply in time, got ${adapter.fault.kind}: ${adapter.fault.message}`, {
      mismatch: adapter.fault.kind,
      evidence: evidenceOf(run, redactor),
    });
  }
  if (adapter.kind === 'skipped') throw new CheckSkipped(`the adapter skipped this case: ${adapter.reason}`);
  const retries = run.harnessRetries ?? [];
  const again = retries.length === 0 ? '' : ` (the registration was made ${retries.length + 1} times: the harness failed in the earlier ones, ${retries.join('; ')})`;
  return `valid reply in ${run.exchange?.durationMs ?? 0} ms${again}`;
}

/** The body of every device check, by check id. */
const CHECK_BODIES: Record<string, CheckFn> = {
  [DEVICE_CHECKS.adapterProtocol.id]: checkAdapterProtocol,
  [DEVICE_CHECKS.requestPath.id]: checkRequestPath,
  [DEVICE_CHECKS.requestRegistrationId.id]: checkRequestRegistrationId,
  [DEVICE_CHECKS.requestSas.id]: checkRequestSas,
  [DEVICE_CHECKS.requestBody.id]: checkRequestBody,
  [DEVICE_CHECKS.dataSent.id]: checkDataSent,
  [DEVICE_CHECKS.dataObject.id]: checkDataObject,
  [DEVICE_CHECKS.dataBigIntegers.id]: checkDataBigIntegers,
  [DEVICE_CHECKS.pollingTerminal.id]: checkPollingTerminal,
  [DEVICE_CHECKS.pollingRetryAfter.id]: checkPollingRetryAfter,
  [DEVICE_CHECKS.pollingThrottle.id]: checkPollingThrottle,
  [DEVICE_CHECKS.mqttProtocol.id]: checkMqttProtocol,
  [DEVICE_CHECKS.amqpProtocol.id]: checkAmqpProtocol,
  [DEVICE_CHECKS.resultStatus.id]: checkResultStatus,
  [DEVICE_CHECKS.resultAssignment.id]: checkResultAssignment,
  [DEVICE_CHECKS.returnDataFidelity.id]: checkReturnData,
  [DEVICE_CHECKS.returnDataFragmented.id]: checkReturnData,
  [DEVICE_CHECKS.returnDataBigIntegers.id]: checkReturnDataBigIntegers,
  [DEVICE_CHECKS.errorCredentials.id]: checkErrorCredentials,
  [DEVICE_CHECKS.errorAllocationFailed.id]: checkErrorAllocationFailed,
  [DEVICE_CHECKS.timeoutGivesUp.id]: checkTimeoutGivesUp,
  [DEVICE_CHECKS.e2eDataReachedWebhook.id]: checkDataReachedWebhook,
  [DEVICE_CHECKS.e2eReturnDataReachedDevice.id]: checkReturnDataReachedDevice,
};

export interface DeviceSuiteOptions {
  emulator: RunningEmulator;
  driver: DeviceDriver;
  claims: StartReply;
  transports: readonly DeviceTransport[];
  dialects: readonly Dialect[];
  corpus: readonly CorpusCase[];
  /** `timeoutMs` of each register request (`--timeout`) */
  timeoutMs: number;
  /** the emulator calls a user's webhook (`--webhook`): adds the end-to-end checks */
  endToEnd: boolean;
  redactor: SecretRedactor;
  /** runs only the cases whose id it accepts (all when absent) */
  caseFilter?: (caseId: string) => boolean;
  /** one of several adapters sharing these cases: only every `count`-th case, from the `index`-th (0-based) */
  lane?: Lane | undefined;
  /**
   * a user's webhook allocates (`device --webhook`): a registration it refuses has its result checks not
   * reached, and `e2e.allocation.accepts` judges once whether it allocated any device at all
   */
  judgeWebhookAcceptance?: boolean;
  /** `--profile`: the registration IDs and payload members of the devices a policy webhook takes (docs/webhook-profiles.md) */
  profile?: WebhookProfile | undefined;
}

/** One of `count` adapters that share one transport's cases round-robin (see `run`'s adapters per transport). */
export interface Lane {
  index: number;
  count: number;
}

/**
 * Adds the device suite to a mocha root: one suite per transport x dialect, one registration per case,
 * made lazily by the case's first check and shared by all its checks (the exchange never throws out
 * of a hook; a misbehaving adapter turns into `errored` checks).
 */
export function buildDeviceSuite(root: Mocha.Suite, options: DeviceSuiteOptions): DeviceSuiteHandle {
  const implementation: ImplementationRef = { name: options.claims.implementation.name, version: options.claims.implementation.version };
  const registrations: (() => Promise<RegistrationRun>)[] = [];
  const allocations: AllocationSeen[] = [];
  let position = 0;
  const inLane = (): boolean => {
    const mine = options.lane === undefined || position % options.lane.count === options.lane.index;
    position += 1;
    return mine;
  };
  for (const transport of options.transports) {
    for (const dialect of options.dialects) {
      const suite = Mocha.Suite.create(root, `${implementation.name} ${transport} ${dialect}`);
      const cases = deviceCases(options.corpus, { transport, dialect, endToEnd: options.endToEnd, x509: options.claims.attestations.includes('x509') && options.emulator.deviceCaPem !== undefined });
      // the request checks of the corpus cases own DPS's refusals; a dedicated case refused alike names them (causal-gate.ts)
      const ownersJudged = cases.some((c) => c.kind === 'corpus' && c.skipReason === undefined && (!options.caseFilter || options.caseFilter(c.caseId)));
      for (const deviceCase of cases) {
        if (options.caseFilter && !options.caseFilter(deviceCase.caseId)) continue;
        if (!inLane()) continue;
        const once = addCase(suite, withProfile(deviceCase, options.profile), transport, dialect, implementation, options, { allocations, ownersJudged });
        if (deviceCase.skipReason === undefined) registrations.push(once);
      }
    }
  }
  if (options.judgeWebhookAcceptance && registrations.length > 0) {
    const [transport = 'https'] = options.transports;
    const [dialect = 'ga'] = options.dialects;
    const suite = Mocha.Suite.create(root, `${implementation.name} webhook acceptance`);
    const meta = { checkId: DEVICE_CHECKS.e2eAllocationAccepts.id, level: DEVICE_CHECKS.e2eAllocationAccepts.level, dialect, transport, caseId: 'e2e-allocation', implementation };
    addCheck(suite, meta, async () => {
      await Promise.all(registrations.map((once) => once().catch(() => undefined)));
      return judgeWebhookAcceptance(allocations.map((seen) => options.redactor.redactDeep(seen)));
    });
  }
  return {
    startRegistrations(signal) {
      // in suite order, one at a time (an adapter serves one request at a time); the checks await the
      // same promises, so results do not change, only other targets' work overlaps with this one's
      return (async () => {
        for (const once of registrations) {
          if (signal?.aborted) return;
          await once().catch(() => undefined);
        }
      })();
    },
  };
}

/** What a built device suite offers its runner. */
export interface DeviceSuiteHandle {
  /**
   * Starts every registration of the suite now, in order, without waiting for mocha to reach its
   * checks: two implementations (two adapters) can then register at the same time. Resolves when
   * the last has ended (it never rejects).
   */
  startRegistrations(signal?: AbortSignal): Promise<void>;
}

function addCase(
  suite: Mocha.Suite,
  deviceCase: DeviceCase,
  transport: DeviceTransport,
  dialect: Dialect,
  implementation: ImplementationRef,
  options: DeviceSuiteOptions,
  shared: { allocations: AllocationSeen[]; ownersJudged: boolean },
): () => Promise<RegistrationRun> {
  const { allocations } = shared;
  let pending: Promise<RegistrationRun> | undefined;
  /** the registration's typed view, read once when it ends and shared by every check of the case */
  let evidence: DeviceEvidence | undefined;
  let judged = 0;
  const template = options.profile?.registrationId;
  const { emulator, driver, timeoutMs } = options;
  const context = { emulator, driver, timeoutMs, ...(template !== undefined ? { registrationIdTemplate: template } : {}) };
  const once = (): Promise<RegistrationRun> => {
    pending ??= runJudgeableRegistration(context, deviceCase, transport, dialect).then((run) => {
      evidence = readRegistration(run);
      // a registration the harness failed in (harness-faults.ts) says nothing about the webhook's policy
      if (options.judgeWebhookAcceptance) {
        const { caseId } = deviceCase;
        allocations.push(run.harnessFault === undefined ? allocationSeen(caseId, evidence) : { caseId, called: false, allocated: false, harnessFault: true });
      }
      return run;
    });
    return pending;
  };
  const gateContext = {
    caseChecks: [...deviceCase.checks, ...(deviceCase.mainChecks ?? [])],
    expectedAuthFailure: deviceCase.kind === 'wrong-credentials',
    webhookJudged: options.judgeWebhookAcceptance === true,
    ownersJudgedElsewhere: shared.ownersJudged,
  };
  for (const check of deviceCase.checks) {
    const meta = { checkId: check.id, level: check.level, dialect, transport, caseId: deviceCase.caseId, implementation };
    const test = addCheck(suite, meta, async () => {
      if (deviceCase.skipReason !== undefined) throw new CheckSkipped(deviceCase.skipReason);
      const body = CHECK_BODIES[check.id];
      if (!body) throw new Error(`no body for check ${check.id}`);
      const run = await once();
      // the register exchange this check judges (JUnit time), not the moment it took to judge it
      if (test.dpsc && run.exchange) test.dpsc.exchangeMs = run.exchange.durationMs;
      try {
        // the harness failed in every attempt: no check of this registration says anything about the implementation
        if (run.harnessFault !== undefined) {
          throw new HarnessFault(`${run.harnessFault}; the registration was made ${HARNESS_ATTEMPTS} times and the harness failed in each, so it judges nothing`, {
            mismatch: 'harness-fault',
            evidence: evidenceOf(run, options.redactor),
          });
        }
        evidence ??= readRegistration(run);
        const v = verdicts(evidence, options.redactor);
        // a step the registration never reached: not judged, naming the check that stopped it (causal-gate.ts)
        const gate = gateCheck(check, evidence, gateContext);
        if (gate?.kind === 'not-reached') throw gate.error;
        if (gate?.kind === 'refused') v.fail(gate.message, { mismatch: 'request-refused' });
        try {
          return body(evidence, v, options.redactor);
        } catch (error) {
          throw withUnconfirmedNote(error, check, evidence);
        }
      } finally {
        judged += 1;
        // every check of the case has read the run: its transcript copy and typed view (bodies up to 96 KB
        // each) are let go here rather than at the end of the run; a failed check already holds its own evidence
        if (judged === deviceCase.checks.length) {
          run.entries = [];
          evidence = undefined;
        }
      }
    });
  }
  return once;
}

/**
 * A case as a policy webhook's device would make it (`--profile`): the profile's payload members set in
 * object data (the profile's values win, as in the webhook suite), so the policy takes the device; what
 * the case is about (its data's shape) stays. Data that is not an object, or none, is left as it is.
 */
function withProfile(deviceCase: DeviceCase, profile: WebhookProfile | undefined): DeviceCase {
  const members = profile?.payload;
  const data = deviceCase.data;
  if (members === undefined || data === undefined || data === null || typeof data !== 'object' || Array.isArray(data) || typeof data === 'bigint') return deviceCase;
  const added = parseJson(JSON.stringify(members));
  if (added === null || typeof added !== 'object' || Array.isArray(added) || typeof added === 'bigint') return deviceCase;
  return { ...deviceCase, data: { ...data, ...added } };
}
