import { TLS_HANDSHAKE_FAILED } from '../core/device-connections.js';
import type { RegistrationBook } from '../core/registration-book.js';
import type { TranscriptEntry } from './transcript-entry.js';
import type { TranscriptView } from './transcript.js';

/** What the emulator saw of one registration: the observation report's unit (docs/contract/cli.md, docs/contract/reports.md). */
export interface RegistrationObservation {
  registrationId: string;
  transports: string[];
  /** dialects served and declared by the device's bodies, as seen over all register requests */
  dialects: { served: string[]; declared: string[] };
  requests: number;
  /** status code -> count of answers */
  answers: Record<string, number>;
  /** last terminal status (`assigned`, `failed`, `disabled`) or undefined if never finished */
  finalStatus?: string;
  assignedHub?: string;
  /** schema validation of the bodies it sent: how many were valid, and the problems of the others */
  validation: { checked: number; invalid: number; skipped: number; problems: { seq: number; schema: string; errors: { path: string; message: string }[] }[] };
  unexpected: { seq: number; reason: string; detail: string; decision: string }[];
  authFailures: { seq: number; reason: string }[];
  /** polls too soon after a Retry-After (src/dps/retry-after-wait.ts; DPS answers them; `device.polling.retryAfter` or `.throttle` fails them) */
  earlyPolls: { seq: number; note: string }[];
}

/**
 * Everything the emulator observed, grouped by registration, plus what named no registration:
 * unexpected requests (a malformed user name, an unknown path) and failed TLS handshakes.
 */
export interface Observations {
  registrations: RegistrationObservation[];
  unattributed: { seq: number; frontEnd: string; reason: string; detail: string; decision: string }[];
  transcriptEntries: number;
  transcriptDropped: number;
}

/** Summarises the transcript and the registration book (read-only). */
export function observe(transcript: TranscriptView, registrations: RegistrationBook): Observations {
  const byId = new Map<string, RegistrationObservation>();
  const unattributed: Observations['unattributed'] = [];
  const entries = transcript.entries();
  for (const entry of entries) {
    if (!entry.registrationId) {
      if (entry.notes?.unexpected) unattributed.push({ seq: entry.seq, frontEnd: entry.frontEnd, ...entry.notes.unexpected });
      else if (entry.kind === TLS_HANDSHAKE_FAILED) {
        unattributed.push({ seq: entry.seq, frontEnd: entry.frontEnd, reason: TLS_HANDSHAKE_FAILED, detail: entry.notes?.notes?.[0] ?? '', decision: 'the connection ended in the TLS handshake' });
      }
      continue;
    }
    const key = entry.registrationId.toLowerCase();
    let obs = byId.get(key);
    if (!obs) {
      obs = {
        registrationId: entry.registrationId,
        transports: [],
        dialects: { served: [], declared: [] },
        requests: 0,
        answers: {},
        validation: { checked: 0, invalid: 0, skipped: 0, problems: [] },
        unexpected: [],
        authFailures: [],
        earlyPolls: [],
      };
      byId.set(key, obs);
    }
    addEntry(obs, entry);
  }
  for (const record of registrations.all()) {
    const obs = byId.get(record.registrationId.toLowerCase());
    const status = record.lastResult?.['status'];
    if (obs && typeof status === 'string') obs.finalStatus = status;
    if (obs && record.current) obs.assignedHub = record.current.hub;
  }
  return { registrations: [...byId.values()], unattributed, transcriptEntries: entries.length, transcriptDropped: transcript.dropped };
}

/** entries the emulator records on a device's behalf that are not requests of the device */
const NOT_REQUESTS = new Set(['closed', 'acknowledged', 'replay', 'restored-subscription']);

function addEntry(obs: RegistrationObservation, entry: TranscriptEntry): void {
  if (entry.frontEnd !== 'webhook') {
    if (!NOT_REQUESTS.has(entry.kind)) obs.requests += 1;
    if (!obs.transports.includes(entry.frontEnd)) obs.transports.push(entry.frontEnd);
  }
  const status = entry.response?.status;
  if (status !== undefined && entry.frontEnd !== 'webhook') obs.answers[String(status)] = (obs.answers[String(status)] ?? 0) + 1;
  const notes = entry.notes;
  if (!notes) return;
  if (notes.dialect) {
    if (!obs.dialects.served.includes(notes.dialect.served)) obs.dialects.served.push(notes.dialect.served);
    const declared = notes.dialect.declared;
    if (declared && !obs.dialects.declared.includes(declared)) obs.dialects.declared.push(declared);
  }
  for (const v of notes.validation ?? []) {
    if (v.skipped) obs.validation.skipped += 1;
    else {
      obs.validation.checked += 1;
      if (!v.valid) {
        obs.validation.invalid += 1;
        obs.validation.problems.push({ seq: entry.seq, schema: `${v.dialect}/${v.schema}`, errors: [...v.errors] });
      }
    }
  }
  if (notes.unexpected) obs.unexpected.push({ seq: entry.seq, ...notes.unexpected });
  for (const note of notes.notes ?? []) if (note.startsWith('poll too soon')) obs.earlyPolls.push({ seq: entry.seq, note });
  if (notes.auth && !notes.auth.ok) obs.authFailures.push({ seq: entry.seq, reason: notes.auth.reason ?? 'unauthorized' });
}
