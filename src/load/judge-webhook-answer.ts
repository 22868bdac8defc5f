import type { BoundedOutcome } from '../http/bounded-outcome.js';
import type { SampleOutcome } from './load-sample.js';

/**
 * Judges one webhook answer under load, cheaply: an HTTP 200 JSON object whose `iotHubHostName` is one
 * of the linked hubs is `ok`; anything else is an `error` with a short kind; no answer in time is a
 * `timeout`. The webhook suite judges answers in depth; load only asks whether they stay right.
 */
export function judgeWebhookAnswer(outcome: BoundedOutcome, linkedHubs: readonly string[], cancelled: boolean): { outcome: SampleOutcome; detail?: string; answered?: boolean } {
  if (outcome.kind === 'timeout') return { outcome: 'timeout' };
  if (outcome.kind !== 'answered') return cancelled ? { outcome: 'cancelled' } : { outcome: 'error', answered: false, detail: outcome.kind === 'error' ? `error (${outcome.code ?? outcome.message})` : outcome.kind };
  if (outcome.status !== 200) return { outcome: 'error', detail: `HTTP ${outcome.status}` };
  if (outcome.truncated) return { outcome: 'error', detail: 'answer too large' };
  let body: unknown;
  try {
    body = JSON.parse(outcome.bodyBytes.toString('utf8'));
  } catch {
    return { outcome: 'error', detail: 'not JSON' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { outcome: 'error', detail: 'not a JSON object' };
  const hub = (body as Record<string, unknown>)['iotHubHostName'];
  if (typeof hub !== 'string' || hub === '') return { outcome: 'error', detail: 'no iotHubHostName' };
  if (!linkedHubs.includes(hub)) return { outcome: 'error', detail: 'hub not linked' };
  return { outcome: 'ok' };
}
