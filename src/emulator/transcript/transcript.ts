import type { Redactor } from '../support/redactor.js';
import type { TranscriptEntry, TranscriptQuery } from './transcript-entry.js';

/** Read side of the transcript, what `RunningEmulator.transcript` exposes. */
export interface TranscriptView {
  /** entries in arrival order, filtered by the query */
  entries(query?: TranscriptQuery): readonly TranscriptEntry[];
  /** shorthand for `entries({registrationId})` (case-insensitive) */
  forRegistration(registrationId: string): readonly TranscriptEntry[];
  /** how many old entries were dropped because of the cap */
  readonly dropped: number;
}

/**
 * Everything the emulator received and answered, in memory, capped (oldest dropped first), every
 * entry passed through the redactor before it is stored so no key or SAS ever sits in it.
 */
export class Transcript implements TranscriptView {
  readonly #entries: TranscriptEntry[] = [];
  readonly #cap: number;
  readonly #redactor: Redactor;
  #seq = 0;
  #dropped = 0;

  constructor(redactor: Redactor, cap = 10_000) {
    this.#redactor = redactor;
    this.#cap = cap;
  }

  get dropped(): number {
    return this.#dropped;
  }

  record(entry: Omit<TranscriptEntry, 'seq'>): TranscriptEntry {
    this.#seq += 1;
    const stored = this.#redactor.redactDeep({ seq: this.#seq, ...entry });
    this.#entries.push(stored);
    if (this.#entries.length > this.#cap) {
      this.#entries.shift();
      this.#dropped += 1;
    }
    return stored;
  }

  entries(query: TranscriptQuery = {}): readonly TranscriptEntry[] {
    const id = query.registrationId?.toLowerCase();
    return this.#entries.filter(
      (e) =>
        (id === undefined || e.registrationId?.toLowerCase() === id) &&
        (query.frontEnd === undefined || e.frontEnd === query.frontEnd) &&
        (query.kind === undefined || e.kind === query.kind),
    );
  }

  forRegistration(registrationId: string): readonly TranscriptEntry[] {
    return this.entries({ registrationId });
  }
}
