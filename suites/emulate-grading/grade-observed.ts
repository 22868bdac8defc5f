import type { TranscriptEntry } from '../../src/emulator/index.js';
import type { CheckResult, Dialect, ImplementationRef } from '../../src/results/check-result.js';
import type { SecretRedactor } from '../../src/results/secret-redactor.js';
import { observedVerdicts, type Verdicts } from '../device/check-support.js';
import { checkDataObject, checkDataObserved } from '../device/checks/data-checks.js';
import { checkMqttProtocol } from '../device/checks/mqtt-checks.js';
import { checkPollingRetryAfter, checkPollingTerminal, checkPollingThrottle } from '../device/checks/polling-checks.js';
import { checkRequestBody, checkRequestPath, checkRequestRegistrationId, checkRequestSas } from '../device/checks/request-checks.js';
import { gateCheck } from '../device/causal-gate.js';
import { DEVICE_CHECKS, type DeviceCheckDef } from '../device/device-checks.js';
import type { ObservedRun } from '../device/registration-run.js';
import { readObserved, type RegistrationEvidence } from '../device/evidence/registration-evidence.js';
import { judgeCheck } from './judge-check.js';
import { splitRegistrations, type ObservedRegistration } from './split-registrations.js';

export interface GradeInput {
  idScope: string;
  /** the dialect of registrations the transcript does not say (the emulator's default) */
  defaultDialect: Dialect;
  /** every transcript entry, in order (redacted) */
  entries: readonly TranscriptEntry[];
  redactor: SecretRedactor;
}

type Body = (e: RegistrationEvidence, v: Verdicts) => string;

/**
 * `emulate`'s verdicts: one result per observed registration for every device check that can be judged
 * from the server side, with the device suite's check ids, bodies and messages. The implementation is
 * what the device says it is (its MQTT ClientVersion or HTTPS User-Agent), the case the registration
 * (`{registrationId}#{n}`, then `:{case id}` of the scenario under `--scenarios`).
 */
export function gradeObserved(input: GradeInput): CheckResult[] {
  const byDevice = new Map<string, TranscriptEntry[]>();
  for (const entry of input.entries) {
    if (entry.registrationId === undefined) continue;
    const key = entry.registrationId.toLowerCase();
    const list = byDevice.get(key) ?? [];
    list.push(entry);
    byDevice.set(key, list);
  }
  const results: CheckResult[] = [];
  for (const entries of byDevice.values()) {
    const registrationId = entries[0]?.registrationId ?? '';
    for (const registration of splitRegistrations(registrationId, entries, input.defaultDialect)) {
      results.push(...gradeRegistration(registration, input));
    }
  }
  return results;
}

function gradeRegistration(registration: ObservedRegistration, input: GradeInput): CheckResult[] {
  const run: ObservedRun = {
    transport: registration.transport,
    dialect: registration.dialect,
    registrationId: registration.registrationId,
    entries: registration.entries,
    command: { idScope: input.idScope },
  };
  const evidence = readObserved(run);
  const v = observedVerdicts(evidence, input.redactor);
  const implementation = implementationOf(registration.entries);
  const caseId = `${registration.registrationId}#${registration.ordinal}${registration.scenario ? `:${registration.scenario}` : ''}`;
  const checks = checksFor(registration, evidence);
  const gateContext = { caseChecks: checks.map(([check]) => check) };
  return checks.map(([check, body]) =>
    judgeCheck({ checkId: check.id, level: check.level, dialect: run.dialect, transport: run.transport, caseId, implementation }, () => {
      // one defect, one failed result: a step the registration never reached is not judged (causal-gate.ts)
      const gate = gateCheck(check, evidence, gateContext);
      if (gate?.kind === 'not-reached') throw gate.error;
      if (gate?.kind === 'refused') v.fail(gate.message, { mismatch: 'request-refused' });
      return body(evidence, v);
    }),
  );
}

/** The server-side checks that apply to what the registration did (a refused CONNECT has no request to judge the path of). */
function checksFor(registration: ObservedRegistration, evidence: RegistrationEvidence): [DeviceCheckDef, Body][] {
  const answered = (status: number): boolean => evidence.device.some((e) => 'answer' in e && e.answer.status === status);
  const checks: [DeviceCheckDef, Body][] = [];
  if (evidence.operations.length === 0) {
    // a connection that never got to register: judge what it did (a refused CONNECT), not what it did not
    if (evidence.connect !== undefined) checks.push([DEVICE_CHECKS.requestRegistrationId, checkRequestRegistrationId]);
    if (evidence.device.some((e) => e.notes.auth !== undefined)) checks.push([DEVICE_CHECKS.requestSas, checkRequestSas]);
    if (registration.transport !== 'https') checks.push([DEVICE_CHECKS.mqttProtocol, checkMqttProtocol]);
    return checks;
  }
  checks.push(
    [DEVICE_CHECKS.requestPath, checkRequestPath],
    [DEVICE_CHECKS.requestRegistrationId, checkRequestRegistrationId],
    [DEVICE_CHECKS.requestSas, checkRequestSas],
  );
  if (evidence.registers.length > 0) checks.push([DEVICE_CHECKS.requestBody, checkRequestBody], [DEVICE_CHECKS.dataSent, checkDataObserved]);
  if (evidence.registers.length > 0 && registration.dialect === 'ga') checks.push([DEVICE_CHECKS.dataObject, checkDataObject]);
  if (answered(202)) checks.push([DEVICE_CHECKS.pollingTerminal, checkPollingTerminal], [DEVICE_CHECKS.pollingRetryAfter, checkPollingRetryAfter]);
  if (answered(429) || registration.scenario === 'device-throttled') checks.push([DEVICE_CHECKS.pollingThrottle, checkPollingThrottle]);
  if (registration.transport !== 'https') checks.push([DEVICE_CHECKS.mqttProtocol, checkMqttProtocol]);
  return checks;
}

const UNKNOWN_DEVICE: ImplementationRef = { name: 'device (no user agent)' };
const MAX_NAME = 120;

/** The device's own name for itself: MQTT `ClientVersion` in the user name, or the HTTPS User-Agent. */
export function implementationOf(entries: readonly TranscriptEntry[]): ImplementationRef {
  for (const entry of entries) {
    const wire = entry.request.wire;
    if (!wire) continue;
    let agent: string | undefined;
    if ('username' in wire && wire.username) agent = new URLSearchParams(wire.username.split('/').slice(3).join('/')).get('ClientVersion') ?? undefined;
    if ('headers' in wire) {
      const header = wire.headers['user-agent'];
      agent = Array.isArray(header) ? header[0] : header;
    }
    if (agent) return nameAndVersion(agent.slice(0, MAX_NAME));
  }
  return UNKNOWN_DEVICE;
}

/** `azure-iot-provisioning-device/1.9.1 (node ...)` -> name and version. */
function nameAndVersion(agent: string): ImplementationRef {
  const match = /^([^/\s]+)\/([^\s]+)/.exec(agent);
  return match ? { name: match[1]!, version: match[2]! } : { name: agent };
}
