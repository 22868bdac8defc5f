import type { CatalogueEntry } from '../error-catalogue.js';
import type { CoreReply, Delivery, ExchangeNotes } from './core-request.js';
import { errorBody } from './error-body.js';

/** What a core step returns: the reply and what to record about it. */
export interface StepResult {
  reply: CoreReply;
  notes: ExchangeNotes;
  registrationId?: string;
}

export function answer(status: number, body: unknown, delivery: Delivery, retryAfterSeconds?: number): CoreReply {
  return retryAfterSeconds === undefined ? { kind: 'answer', status, body, delivery } : { kind: 'answer', status, body, delivery, retryAfterSeconds };
}

export function errorAnswer(entry: CatalogueEntry, delivery: Delivery, detail?: string, retryAfterSeconds?: number): CoreReply {
  return answer(entry.status, errorBody(entry, detail), delivery, retryAfterSeconds);
}
