import { judgeAllocationAnswer, type AllocationAnswerVerdict } from '../dps/judge-allocation-answer.js';
import { describeRefusal, isRefusal } from '../dps/webhook-refusal.js';
import { isRefusalStatus } from '../dps/webhook-refusal-status.js';
import type { BoundedOutcome } from '../http/bounded-outcome.js';
import type { SampleOutcome } from './load-sample.js';

/** The short error kind load counts for each way an answer is wrong (HTTP errors count by status). */
const LOAD_DETAIL: Partial<Record<AllocationAnswerVerdict['kind'], string>> = {
  notJson: 'not JSON',
  notObject: 'not a JSON object',
  tooDeep: 'JSON nested too deep',
  hubNotSpecified: 'no iotHubHostName',
  hubNotLinked: 'hub not linked',
};

/**
 * Judges one webhook answer under load, cheaply, with the emulator's judge (`judgeAllocationAnswer`):
 * an HTTP 200 JSON object whose `iotHubHostName` is one of the linked hubs (without case, as DPS
 * compares them) is `ok`; a clean refusal (a 4xx but 401 and 429, whole: `isRefusal`, as the webhook
 * suite reads it) is `refused`, the policy's answer; anything else is an `error` with a short kind; no
 * answer in time is a `timeout`. The webhook suite judges answers in depth; load only asks whether they stay right.
 */
export function judgeWebhookAnswer(
  outcome: BoundedOutcome,
  linkedHubs: readonly string[],
  cancelled: boolean,
): { outcome: SampleOutcome; detail?: string; refusal?: string; answered?: boolean } {
  if (outcome.kind === 'timeout') return { outcome: 'timeout' };
  if (outcome.kind !== 'answered')
    return cancelled
      ? { outcome: 'cancelled' }
      : {
          outcome: 'error',
          answered: false,
          detail: outcome.kind === 'error' ? `error (${outcome.code ?? outcome.message})` : outcome.kind,
        };
  if (isRefusal(outcome))
    return { outcome: 'refused', detail: `HTTP ${outcome.status}`, refusal: describeRefusal(outcome) };
  if (outcome.status === 200 && outcome.truncated) return { outcome: 'error', detail: 'answer too large' };
  // a refusal cut off at the size limit is no clean refusal (DPS cannot read it either)
  if (isRefusalStatus(outcome.status) && outcome.truncated)
    return { outcome: 'error', detail: `HTTP ${outcome.status} (answer too large)` };
  const verdict = judgeAllocationAnswer(outcome.status, outcome.bodyBytes.toString('utf8'), linkedHubs);
  if (verdict.kind !== 'assigned')
    return { outcome: 'error', detail: LOAD_DETAIL[verdict.kind] ?? `HTTP ${outcome.status}` };
  return { outcome: 'ok' };
}
