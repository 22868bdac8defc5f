import type { Redactor } from '../support/redactor.js';
import { COPY_DEPTH_LIMIT, isTooDeep } from '../../json/json-depth.js';
import type { TranscriptEntry, TranscriptQuery } from './transcript-entry.js';

/** Read side of the transcript, what `RunningEmulator.transcript` exposes. */
export interface TranscriptView {
  /** entries in arrival order, filtered by the query, redacted */
  entries(query?: TranscriptQuery): readonly TranscriptEntry[];
  /** shorthand for `entries({registrationId})` (case-insensitive) */
  forRegistration(registrationId: string): readonly TranscriptEntry[];
  /** how many old entries were dropped because of the cap */
  readonly dropped: number;
}

/** Longest non-JSON request body kept as `body` (the exact text stays in `bodyText`). */
const TEXT_BODY_LIMIT = 4096;

/**
 * Everything the emulator received and answered, in memory, capped (oldest dropped first, in a ring
 * so that recording stays O(1) once full). Entries are stored as recorded and redacted when read:
 * recording is on every request's path, reading is rare (reports, `emulate` on exit), and a secret
 * the redactor learns later (a device key derived for a later case) is then removed as well. Nothing
 * leaves the transcript unredacted, so no key or SAS can reach a report from it.
 */
export class Transcript implements TranscriptView {
  readonly #ring: TranscriptEntry[] = [];
  /** index of the oldest entry once the ring is full */
  #head = 0;
  readonly #cap: number;
  readonly #redactor: Redactor;
  #seq = 0;
  #dropped = 0;

  constructor(redactor: Redactor, cap = 10_000) {
    this.#redactor = redactor;
    this.#cap = Math.max(1, cap);
  }

  get dropped(): number {
    return this.#dropped;
  }

  /** Stores an entry as given (the caller must not change it afterwards). */
  record(entry: Omit<TranscriptEntry, 'seq'>): void {
    this.#seq += 1;
    const stored: TranscriptEntry = { seq: this.#seq, ...entry };
    if (this.#ring.length < this.#cap) {
      this.#ring.push(stored);
      return;
    }
    this.#ring[this.#head] = stored;
    this.#head = (this.#head + 1) % this.#cap;
    this.#dropped += 1;
  }

  entries(query: TranscriptQuery = {}): readonly TranscriptEntry[] {
    const id = query.registrationId?.toLowerCase();
    const out: TranscriptEntry[] = [];
    const size = this.#ring.length;
    for (let i = 0; i < size; i += 1) {
      const e = this.#ring[(this.#head + i) % size] as TranscriptEntry;
      if (id !== undefined && e.registrationId?.toLowerCase() !== id) continue;
      if (query.frontEnd !== undefined && e.frontEnd !== query.frontEnd) continue;
      if (query.kind !== undefined && e.kind !== query.kind) continue;
      out.push(this.#redactor.redactDeep(withParsedBody(e)));
    }
    return out;
  }

  forRegistration(registrationId: string): readonly TranscriptEntry[] {
    return this.entries({ registrationId });
  }
}

/** The entry with `request.body` made from `request.bodyText` where the recorder left it to the reader. */
function withParsedBody(entry: TranscriptEntry): TranscriptEntry {
  const request = entry.request;
  if (request.bodyText === undefined || request.body !== undefined) return entry;
  return { ...entry, request: { ...request, body: parsedOrText(request.bodyText) } };
}

function parsedOrText(text: string): unknown {
  if (text.trim() === '') return text;
  // too deep to walk: kept as (cut) text, like a body that is not JSON
  if (isTooDeep(text, COPY_DEPTH_LIMIT)) return clipText(text);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return clipText(text);
  }
}

function clipText(text: string): string {
  return text.length > TEXT_BODY_LIMIT ? `${text.slice(0, TEXT_BODY_LIMIT)}... (${text.length} characters)` : text;
}
