import type { TranscriptEntry } from '../../src/emulator/index.js';
import type { DeviceTransport } from '../../src/adapters/protocol-types.js';
import type { Dialect } from '../../src/results/check-result.js';
import { isRegisterAttempt } from '../device/evidence/registration-evidence.js';

/** One registration as `emulate` saw it: a register (with its retries after 429/5xx) and its polls, plus the connection that carried them. */
export interface ObservedRegistration {
  registrationId: string;
  /** 1 for a device's first registration in this session, 2 for its next, ... */
  ordinal: number;
  transport: DeviceTransport;
  dialect: Dialect;
  entries: TranscriptEntry[];
  /** the device-suite case `emulate --scenarios` planned for it, from the register's transcript note */
  scenario?: string;
}

const SCENARIO_NOTE = /^scenario (\S+)$/;
/** answers after which the next register is the same registration tried again */
const RETRIED = (status: number | undefined): boolean => status === 429 || (status !== undefined && status >= 500);

interface Open {
  entries: TranscriptEntry[];
  hasRegister: boolean;
  lastStatus?: number | undefined;
}

/**
 * Splits one device's transcript entries into registrations: a register starts a new one unless it
 * retries a register answered 429 or 5xx; CONNECT and SUBSCRIBE go with the operation that follows
 * them; webhook calls with the registration they serve. A connection that never registered (a
 * refused CONNECT) is a registration of its own, so that what went wrong is still judged.
 */
export function splitRegistrations(registrationId: string, entries: readonly TranscriptEntry[], defaultDialect: Dialect): ObservedRegistration[] {
  const groups: TranscriptEntry[][] = [];
  let current: Open | undefined;
  let carried: TranscriptEntry[] = [];
  for (const entry of entries) {
    if (entry.frontEnd === 'webhook') {
      (current?.entries ?? carried).push(entry);
      continue;
    }
    const isRegister = isRegisterAttempt(entry);
    if (isRegister || entry.kind === 'poll') {
      if (isRegister && current?.hasRegister && !RETRIED(current.lastStatus)) {
        groups.push(current.entries);
        current = undefined;
      }
      current ??= { entries: [], hasRegister: false };
      current.entries.push(...carried, entry);
      carried = [];
      current.hasRegister ||= isRegister;
      current.lastStatus = entry.response?.status;
      continue;
    }
    // connection-level entries (connect, subscribe, replays, unexpected packets) wait for the next operation
    carried.push(entry);
  }
  if (current) groups.push(current.entries);
  if (carried.length > 0) {
    if (carried.some((e) => e.kind === 'connect' || e.kind === 'unexpected')) groups.push(carried);
    else groups[groups.length - 1]?.push(...carried);
  }
  return groups.map((group, index) => observed(registrationId, index + 1, group, defaultDialect));
}

function observed(registrationId: string, ordinal: number, entries: TranscriptEntry[], defaultDialect: Dialect): ObservedRegistration {
  const device = entries.find((e) => e.frontEnd !== 'webhook');
  const transport: DeviceTransport = device?.frontEnd === 'mqtt' || device?.frontEnd === 'mqtt-ws' ? device.frontEnd : 'https';
  const register = entries.find((e) => e.notes?.dialect?.served !== undefined);
  const dialect = register?.notes?.dialect?.served ?? defaultDialect;
  const scenario = entries.flatMap((e) => e.notes?.notes ?? []).map((note) => SCENARIO_NOTE.exec(note)?.[1]).find((id) => id !== undefined);
  return { registrationId, ordinal, transport, dialect, entries, ...(scenario !== undefined ? { scenario } : {}) };
}
