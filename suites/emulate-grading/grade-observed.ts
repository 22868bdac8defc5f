import type { TranscriptEntry } from '../../src/emulator/index.js';
import type { CheckResult, Dialect } from '../../src/results/check-result.js';
import type { SecretRedactor } from '../../src/results/secret-redactor.js';
import { observedVerdicts, type Verdicts } from '../device/check-support.js';
import { checkAmqpProtocol, isAmqpTransport } from '../device/checks/amqp-checks.js';
import { checkDataObject, checkDataObserved } from '../device/checks/data-checks.js';
import { checkMqttProtocol } from '../device/checks/mqtt-checks.js';
import { checkPollingThrottle } from '../device/checks/polling-checks.js';
import { checkRequestBody, checkRequestPath, checkRequestRegistrationId, checkRequestSas } from '../device/checks/request-checks.js';
import { gateCheck } from '../device/causal-gate.js';
import { DEVICE_CHECKS, type DeviceCheckDef } from '../device/device-checks.js';
import type { ObservedRun } from '../device/registration-run.js';
import { readObserved, type RegistrationEvidence } from '../device/evidence/registration-evidence.js';
import { nameDevice, type DeviceName, type UserNames } from './device-names.js';
import { judgeCheck } from './judge-check.js';
import { checkFinished, checkRegisterSent, checkRetryAfterIfPolled, type Session } from './registration-ending.js';
import { splitRegistrations, type ObservedRegistration } from './split-registrations.js';

export interface GradeInput {
  idScope: string;
  /** the dialect of registrations the transcript does not say (the emulator's default) */
  defaultDialect: Dialect;
  /** every transcript entry, in order (redacted) */
  entries: readonly TranscriptEntry[];
  redactor: SecretRedactor;
  /** when the session ended (ms since the epoch; default now): what a device had not done by then, it may still have been doing */
  stoppedAt?: number;
  /** the user's names for the implementations (`--implementation`, the config file's `implementations`) */
  names?: UserNames;
}

type Body = (e: RegistrationEvidence, v: Verdicts) => string;

/** A device's entries (by registration ID, without case, as DPS compares them), in order. */
function byDevice(entries: readonly TranscriptEntry[]): Map<string, TranscriptEntry[]> {
  const devices = new Map<string, TranscriptEntry[]>();
  for (const entry of entries) {
    if (entry.registrationId === undefined) continue;
    const key = entry.registrationId.toLowerCase();
    const list = devices.get(key) ?? [];
    list.push(entry);
    devices.set(key, list);
  }
  return devices;
}

/**
 * `emulate`'s verdicts: one result per observed registration for every device check that can be judged
 * from the server side, with the device suite's check ids, bodies and messages, under the transport
 * the registration used. The implementation is one per device (nameDevice), the case the registration
 * (`{registrationId}#{n}`, then `:{case id}` of the scenario under `--scenarios`).
 */
export function gradeObserved(input: GradeInput): CheckResult[] {
  const session: Session = { stoppedAt: input.stoppedAt ?? Date.now() };
  const results: CheckResult[] = [];
  for (const entries of byDevice(input.entries).values()) {
    const registrationId = entries[0]?.registrationId ?? '';
    const { implementation } = nameDevice(registrationId, entries, input.names ?? {});
    for (const registration of splitRegistrations(registrationId, entries, input.defaultDialect)) {
      const run: ObservedRun = {
        transport: registration.transport,
        dialect: registration.dialect,
        registrationId: registration.registrationId,
        entries: registration.entries,
        command: { idScope: input.idScope },
      };
      const evidence = readObserved(run);
      const v = observedVerdicts(evidence, input.redactor);
      const caseId = `${registration.registrationId}#${registration.ordinal}${registration.scenario ? `:${registration.scenario}` : ''}`;
      const checks = checksFor(registration, evidence, session);
      const gateContext = { caseChecks: checks.map(([check]) => check) };
      for (const [check, body] of checks) {
        const meta = { checkId: check.id, level: check.level, dialect: run.dialect, transport: run.transport, caseId, implementation };
        results.push(
          judgeCheck(meta, () => {
            // one defect, one failed result: a step the registration never reached is not judged (causal-gate.ts)
            const gate = gateCheck(check, evidence, gateContext);
            if (gate?.kind === 'not-reached') throw gate.error;
            if (gate?.kind === 'refused') v.fail(gate.message, { mismatch: 'request-refused' });
            return body(evidence, v);
          }),
        );
      }
    }
  }
  return results;
}

/** How every device that registered in the session was named, and what it said (for the observation report). */
export function observedDevices(input: Pick<GradeInput, 'entries' | 'names'>): DeviceName[] {
  return [...byDevice(input.entries).values()].map((entries) => nameDevice(entries[0]?.registrationId ?? '', entries, input.names ?? {}));
}

/**
 * The server-side checks that apply to what the registration did. A refused CONNECT is judged on what
 * it did, not on what it could not do; an accepted connection that never registered, and a
 * registration that never got a terminal answer, are judged on what was missing (registration-ending.ts).
 */
function checksFor(registration: ObservedRegistration, evidence: RegistrationEvidence, session: Session): [DeviceCheckDef, Body][] {
  const answered = (status: number): boolean => evidence.device.some((e) => 'answer' in e && e.answer.status === status);
  const protocol: [DeviceCheckDef, Body][] = [];
  if (isAmqpTransport(registration.transport)) protocol.push([DEVICE_CHECKS.amqpProtocol, checkAmqpProtocol]);
  else if (registration.transport !== 'https') protocol.push([DEVICE_CHECKS.mqttProtocol, checkMqttProtocol]);
  const checks: [DeviceCheckDef, Body][] = [];
  if (evidence.operations.length === 0) {
    if (evidence.connect !== undefined) checks.push([DEVICE_CHECKS.requestRegistrationId, checkRequestRegistrationId]);
    if (evidence.device.some((e) => e.notes.auth !== undefined)) checks.push([DEVICE_CHECKS.requestSas, checkRequestSas]);
    if (evidence.connect?.notes.auth?.ok === true) checks.push([DEVICE_CHECKS.dataSent, checkRegisterSent(registration, session)]);
    return [...checks, ...protocol];
  }
  checks.push(
    [DEVICE_CHECKS.requestPath, checkRequestPath],
    [DEVICE_CHECKS.requestRegistrationId, checkRequestRegistrationId],
    [DEVICE_CHECKS.requestSas, checkRequestSas],
  );
  if (evidence.registers.length > 0) checks.push([DEVICE_CHECKS.requestBody, checkRequestBody], [DEVICE_CHECKS.dataSent, checkDataObserved]);
  if (evidence.registers.length > 0 && registration.dialect === 'ga') checks.push([DEVICE_CHECKS.dataObject, checkDataObject]);
  if (answered(202)) {
    checks.push([DEVICE_CHECKS.pollingTerminal, checkFinished(registration, session)], [DEVICE_CHECKS.pollingRetryAfter, checkRetryAfterIfPolled]);
  }
  if (answered(429) || registration.scenario === 'device-throttled') checks.push([DEVICE_CHECKS.pollingThrottle, checkPollingThrottle]);
  return [...checks, ...protocol];
}
