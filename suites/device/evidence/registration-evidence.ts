import type { TranscriptEntry } from '../../../src/emulator/index.js';
import type { ObservedRun, RegistrationRun } from '../registration-run.js';
import { adapterOutcome, type AdapterOutcome } from './adapter-outcome.js';
import type { ConnectEntry, DeviceEntry, EvidenceEntry, OperationEntry, PollEntry, RegisterEntry, UnexpectedEntry, WebhookCallEntry } from './evidence-entry.js';
import { isObject, type JsonObject } from './json-values.js';
import { attemptedOperation, readEntry, wireOf } from './read-entry.js';

/** Statuses after which a device stops polling (docs/protocol/https.md). */
export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['assigned', 'failed', 'disabled']);

/** The last answer that told the device a terminal status. */
export interface TerminalAnswer {
  entry: OperationEntry;
  /** the RegistrationOperationStatus DPS sent */
  operation: JsonObject;
  /** `assigned`, `failed` or `disabled` */
  status: string;
  /** its registrationState (empty when it had none) */
  state: JsonObject;
  /** the answer's text was kept, so integers beyond 2^53 are exact */
  exact: boolean;
}

/**
 * One registration, parsed once and typed: every device check reads this and nothing else of the
 * transcript. Built from what the device suite ran (`RegistrationRun`) or what `emulate` observed
 * (`ObservedRun`, where `adapter` is `unobserved`).
 */
export interface RegistrationEvidence<R extends ObservedRun = ObservedRun> {
  run: R;
  /** every entry, in order */
  entries: readonly EvidenceEntry[];
  /** what came from the device (not the emulator's webhook calls) */
  device: readonly DeviceEntry[];
  /** register and poll requests, and register attempts the core refused, in arrival order */
  operations: readonly OperationEntry[];
  /** the register requests among them (refused attempts included: a malformed body is still an attempt to register) */
  registers: readonly (RegisterEntry | UnexpectedEntry)[];
  polls: readonly PollEntry[];
  /** the first connection-level request (MQTT CONNECT, AMQP SASL init or X.509 link), if any */
  connect: ConnectEntry | undefined;
  webhookCalls: readonly WebhookCallEntry[];
  /** the last terminal answer, if the device got that far */
  terminal: TerminalAnswer | undefined;
  adapter: AdapterOutcome;
}

/** The evidence of a device-suite registration (the adapter's side included). */
export type DeviceEvidence = RegistrationEvidence<RegistrationRun>;

/** Builds the typed view of a device-suite registration. */
export function readRegistration(run: RegistrationRun): DeviceEvidence {
  return build(run, adapterOutcome(run.exchange, run.fault));
}

/** Builds the typed view of a registration judged from the server side alone (`emulate`). */
export function readObserved<R extends ObservedRun>(run: R): RegistrationEvidence<R> {
  return build(run, { kind: 'unobserved' });
}

function build<R extends ObservedRun>(run: R, adapter: AdapterOutcome): RegistrationEvidence<R> {
  const entries = run.entries.map(readEntry);
  const device = entries.filter(isDeviceEntry);
  const operations = device.filter(isOperation);
  return {
    run,
    entries,
    device,
    operations,
    registers: operations.filter((e): e is RegisterEntry | UnexpectedEntry => e.kind !== 'poll'),
    polls: operations.filter((e): e is PollEntry => e.kind === 'poll'),
    connect: device.find((e): e is ConnectEntry => e.kind === 'connect'),
    webhookCalls: entries.filter((e): e is WebhookCallEntry => e.kind === 'webhook-call'),
    terminal: terminalAnswer(operations),
    adapter,
  };
}

function isDeviceEntry(entry: EvidenceEntry): entry is DeviceEntry {
  return entry.frontEnd !== 'webhook' && entry.kind !== 'other';
}

function isOperation(entry: DeviceEntry): entry is OperationEntry {
  return entry.kind === 'register' || entry.kind === 'poll' || (entry.kind === 'unexpected' && entry.attempted === 'register');
}

function terminalAnswer(operations: readonly OperationEntry[]): TerminalAnswer | undefined {
  for (let i = operations.length - 1; i >= 0; i -= 1) {
    const entry = operations[i];
    if (entry?.answer.status !== 200 || entry.answer.body.kind !== 'json') continue;
    const operation = entry.answer.body.value;
    if (!isObject(operation)) continue;
    const status = operation['status'];
    if (typeof status !== 'string' || !TERMINAL_STATUSES.has(status)) continue;
    const state = operation['registrationState'];
    return { entry, operation, status, state: isObject(state) ? state : {}, exact: entry.answer.body.exact };
  }
  return undefined;
}

/** True for a transcript entry that is a register attempt (taken, or refused by the core): how `emulate` splits registrations. */
export function isRegisterAttempt(entry: TranscriptEntry): boolean {
  return entry.frontEnd !== 'webhook' && (entry.kind === 'register' || (entry.kind === 'unexpected' && attemptedOperation(wireOf(entry)) === 'register'));
}
