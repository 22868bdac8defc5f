import type { TranscriptEntry } from '../../src/emulator/index.js';
import type { DeviceTransport } from '../../src/adapters/protocol-types.js';
import type { Dialect } from '../../src/results/check-result.js';
import { isRegisterAttempt } from '../device/evidence/registration-evidence.js';

/** One registration as `emulate` saw it: a register (with its retries after 429/5xx) and its polls, plus the connection that carried them. */
export interface ObservedRegistration {
  registrationId: string;
  /** 1 for a device's first registration in this session, 2 for its next, ... */
  ordinal: number;
  /** the transport it used: every one of the five */
  transport: DeviceTransport;
  dialect: Dialect;
  entries: TranscriptEntry[];
  /** the device-suite case `emulate --scenarios` planned for it, from the register's transcript note */
  scenario?: string;
  /** the ordinal of the device's next registration that registered (set on one that registered); whether it matters depends on whether this one finished */
  nextRegistration?: number;
}

const SCENARIO_NOTE = /^scenario (\S+)$/;
/** answers after which the next register is the same registration tried again */
const RETRIED = (status: number | undefined): boolean => status === 429 || (status !== undefined && status >= 500);

interface Group {
  entries: TranscriptEntry[];
  hasRegister: boolean;
  lastStatus?: number | undefined;
  /** operationIds DPS gave in answers to this registration's requests */
  operations: Set<string>;
}

/**
 * Splits one device's transcript entries into registrations. Each MQTT or AMQP connection is taken on
 * its own (the transcript names the connection of every entry), HTTPS requests as one stream: within
 * a stream a register starts a registration unless it retries one answered 429 or 5xx; what came
 * before the first register of a connection (CONNECT, SUBSCRIBE) belongs to it, what came after
 * (PUBACKs, the connection's end) to the registration then current. A poll on a connection that has no
 * register of its own (a device that reconnected to poll) joins the registration whose operationId it
 * names. Webhook calls go with the register they serve. A connection that never registered (a refused
 * CONNECT, a device that connected and left) is a registration of its own, so that what it did is
 * still judged.
 */
export function splitRegistrations(registrationId: string, entries: readonly TranscriptEntry[], defaultDialect: Dialect): ObservedRegistration[] {
  const groups: Group[] = [];
  const streams = new Map<string, { current?: Group; pending: TranscriptEntry[] }>();
  const webhook: TranscriptEntry[] = [];
  const open = (): Group => {
    const group: Group = { entries: [], hasRegister: false, operations: new Set() };
    groups.push(group);
    return group;
  };
  for (const entry of entries) {
    if (entry.frontEnd === 'webhook') {
      webhook.push(entry);
      continue;
    }
    const key = entry.connection ?? entry.frontEnd;
    let stream = streams.get(key);
    if (!stream) {
      stream = { pending: [] };
      streams.set(key, stream);
    }
    const register = isRegisterAttempt(entry);
    if (register || entry.kind === 'poll') {
      let group = stream.current;
      if (register && (!group?.hasRegister || !RETRIED(group.lastStatus))) group = undefined;
      if (!group && !register) group = groups.find((g) => g.operations.has(polledOperation(entry) ?? ''));
      group ??= open();
      group.entries.push(...stream.pending, entry);
      stream.pending = [];
      stream.current = group;
      group.hasRegister ||= register;
      group.lastStatus = entry.response?.status;
      const operationId = answeredOperation(entry);
      if (operationId !== undefined) group.operations.add(operationId);
      continue;
    }
    // connection-level entries: before the first register they wait for it, after it they join the current one
    if (stream.current) stream.current.entries.push(entry);
    else stream.pending.push(entry);
  }
  for (const stream of streams.values()) {
    if (stream.pending.length > 0) open().entries.push(...stream.pending);
  }
  for (const entry of webhook) {
    // the register that started the allocation: the latest register attempt before the call
    const owner = [...groups].reverse().find((g) => g.entries.some((e) => isRegisterAttempt(e) && e.seq < entry.seq)) ?? groups[0];
    owner?.entries.push(entry);
  }
  const ordered = groups.filter((g) => g.entries.length > 0).map((g) => g.entries.sort((a, b) => a.seq - b.seq));
  ordered.sort((a, b) => (a[0]?.seq ?? 0) - (b[0]?.seq ?? 0));
  const registrations = ordered.map((group, index) => observed(registrationId, index + 1, group, defaultDialect));
  linkNext(registrations);
  return registrations;
}

/** Links each registration that registered to the device's next one: a device that registers again without finishing has given up on the first. */
function linkNext(registrations: ObservedRegistration[]): void {
  registrations.forEach((registration, index) => {
    if (!registration.entries.some(isRegisterAttempt)) return;
    const next = registrations.slice(index + 1).find((later) => later.entries.some(isRegisterAttempt));
    if (next) registration.nextRegistration = next.ordinal;
  });
}

/** The operationId a poll names: in the HTTPS path, the MQTT topic, or the AMQP `iotdps-operation-id`. */
function polledOperation(entry: TranscriptEntry): string | undefined {
  const wire = entry.request.wire;
  if (!wire) return undefined;
  if ('path' in wire) return /\/operations\/([^/?]+)/.exec(wire.path)?.[1];
  if ('topic' in wire) return new URLSearchParams(wire.topic?.split('?')[1] ?? '').get('operationId') ?? undefined;
  return 'amqp' in wire ? wire.operationId : undefined;
}

/** The operationId DPS gave in the answer, if any. */
function answeredOperation(entry: TranscriptEntry): string | undefined {
  const body = entry.response?.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const operationId: unknown = Reflect.get(body, 'operationId');
  return typeof operationId === 'string' && operationId !== '' ? operationId : undefined;
}

function observed(registrationId: string, ordinal: number, entries: TranscriptEntry[], defaultDialect: Dialect): ObservedRegistration {
  const device = entries.find((e) => e.frontEnd !== 'webhook');
  const transport: DeviceTransport = device === undefined || device.frontEnd === 'webhook' ? 'https' : device.frontEnd;
  const register = entries.find((e) => e.notes?.dialect?.served !== undefined);
  const dialect = register?.notes?.dialect?.served ?? defaultDialect;
  const scenario = entries.flatMap((e) => e.notes?.notes ?? []).map((note) => SCENARIO_NOTE.exec(note)?.[1]).find((id) => id !== undefined);
  return { registrationId, ordinal, transport, dialect, entries, ...(scenario !== undefined ? { scenario } : {}) };
}
