import { randomUUID } from 'node:crypto';
import type { CatalogueEntry } from '../error-catalogue.js';
import { dpsTimestamp } from './dps-timestamp.js';

/** `ProvisioningServiceErrorDetails` (docs/protocol/https.md): the body of every request-level error. */
export interface DpsErrorBody {
  errorCode: number;
  trackingId: string;
  message: string;
  timestampUtc: string;
  info?: Record<string, string>;
}

/** Builds the error body for a catalogue entry; `detail` is appended to the message. */
export function errorBody(entry: CatalogueEntry, detail?: string): DpsErrorBody {
  return {
    errorCode: entry.errorCode,
    trackingId: randomUUID(),
    message: detail ? `${entry.message} ${detail}` : entry.message,
    timestampUtc: dpsTimestamp(),
  };
}
