import type { RunningEmulator, TranscriptEntry } from '../../src/emulator/index.js';
import type { Dialect } from '../../src/results/check-result.js';
import { isAdapterFault, type AdapterFault } from '../../src/adapters/adapter-fault.js';
import type { DeviceDriver, DeviceTransport, RegisterCommand, RegisterExchange } from '../../src/adapters/protocol-types.js';
import type { DeviceCase } from './device-case.js';

/** Everything one registration produced: the adapter exchange (or its fault) and the emulator's transcript. */
export interface RegistrationRun {
  deviceCase: DeviceCase;
  transport: DeviceTransport;
  dialect: Dialect;
  registrationId: string;
  command: RegisterCommand;
  exchange?: RegisterExchange;
  fault?: AdapterFault;
  /** the emulator transcript for this registration (device requests and webhook calls), in order */
  entries: readonly TranscriptEntry[];
  startedAt: number;
  finishedAt: number;
  /** the harness failed in earlier registrations of this case, which were made again (why, each) */
  harnessRetries?: string[];
  /** the harness failed in this registration too, the last attempt: nothing here judges the implementation */
  harnessFault?: string;
}

/**
 * What the checks that can be judged from the server side read: the emulator's record of one
 * registration. The device suite passes its whole RegistrationRun; `emulate` builds one from what it saw.
 */
export type ObservedRun = Pick<RegistrationRun, 'transport' | 'dialect' | 'registrationId' | 'entries'> & { command: Pick<RegisterCommand, 'idScope'> };

let counter = 0;

/**
 * A fresh registration ID for a case (DPS rules: alphanumerics and `-._:`, last character alphanumeric
 * or `-`, at most 128). The counter keeps two runs of one case (normal and fragmented) apart.
 */
export function freshRegistrationId(caseId: string, transport: DeviceTransport, dialect: Dialect, template?: string): string {
  counter += 1;
  const suffix = `-${transport}-${dialect === 'preview' ? 'pv' : 'ga'}-${counter.toString(36)}`;
  // a profile's template (`{caseId}-contoso-tstrsd-007`) wraps the fresh ID: its fixed part is what the policy reads
  const fixed = template === undefined ? 0 : template.split('{caseId}').join('').length;
  const stem = `dpsc-${caseId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, Math.max(8, 128 - suffix.length - fixed));
  const id = `${stem}${suffix}`;
  return template === undefined ? id : template.split('{caseId}').join(id);
}

export interface RegistrationContext {
  emulator: RunningEmulator;
  driver: DeviceDriver;
  timeoutMs: number;
  /** `--profile`'s registration ID template; it must hold `{caseId}` (every registration needs an ID of its own) */
  registrationIdTemplate?: string;
}

/** Plans the emulator, has the adapter register, and collects what happened. Never rejects for a target's fault. */
export async function runRegistration(
  context: RegistrationContext,
  deviceCase: DeviceCase,
  transport: DeviceTransport,
  dialect: Dialect,
): Promise<RegistrationRun> {
  const { emulator, driver } = context;
  const registrationId = freshRegistrationId(deviceCase.caseId, transport, dialect, context.registrationIdTemplate);
  emulator.plan(registrationId, { ...deviceCase.plan, dialect });
  const rightKey = emulator.deriveDeviceKey(registrationId);
  // a key of the right shape that belongs to another registration
  const key = deviceCase.kind === 'wrong-credentials' ? emulator.deriveDeviceKey(`${registrationId}-not-this-one`) : rightKey;
  const command: RegisterCommand = {
    dialect,
    transport,
    endpoint: { host: emulator.host, httpsPort: emulator.httpsPort, mqttPort: emulator.mqttPort, amqpPort: emulator.amqpPort, caPem: emulator.caPem },
    idScope: emulator.idScope,
    registrationId,
    attestation: deviceCase.x509 ? { type: 'x509', ...(await emulator.issueDeviceCertificate(registrationId, { enrollment: deviceCase.x509.enrollment })) } : { type: 'symmetricKey', key },
    ...(deviceCase.data !== undefined ? { data: deviceCase.data } : {}),
    timeoutMs: deviceCase.timeoutMs ?? Math.max(context.timeoutMs, deviceCase.minTimeoutMs ?? 0),
  };
  const startedAt = Date.now();
  const run: Omit<RegistrationRun, 'entries' | 'finishedAt'> & { exchange?: RegisterExchange; fault?: AdapterFault } = {
    deviceCase,
    transport,
    dialect,
    registrationId,
    command,
    startedAt,
  };
  try {
    run.exchange = await driver.register(command);
  } catch (error) {
    if (!isAdapterFault(error)) throw error;
    run.fault = error;
  }
  return { ...run, entries: [...emulator.transcript.forRegistration(registrationId)], finishedAt: Date.now() };
}
