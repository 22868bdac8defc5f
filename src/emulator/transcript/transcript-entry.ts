import type { ExchangeNotes, FrontEnd, WireRequest } from '../core/core-request.js';

/** One recorded exchange, already redacted. */
export interface TranscriptEntry {
  seq: number;
  /** ISO time the request was complete */
  at: string;
  /** `webhook` entries are calls the emulator made to an allocation webhook */
  frontEnd: FrontEnd | 'webhook';
  /** register, poll, status-lookup, connect, unexpected, allocation, ... */
  kind: string;
  registrationId?: string;
  request: { wire?: WireRequest; body?: unknown };
  response?: { status?: number; body?: unknown; retryAfterSeconds?: number; disconnect?: string };
  durationMs?: number;
  notes?: ExchangeNotes;
}

/** Which entries to return; every member narrows. */
export interface TranscriptQuery {
  registrationId?: string;
  frontEnd?: TranscriptEntry['frontEnd'];
  kind?: string;
}
