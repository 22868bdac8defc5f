import { RetryAfterSchedule, type WaitJudgement } from '../../../src/dps/retry-after-wait.js';
import type { OperationEntry } from './evidence-entry.js';

/** A device request that came after an answer with Retry-After, judged against the schedule those answers set. */
export interface JudgedRequest {
  entry: OperationEntry;
  /** the answer just before it (202 or 429) */
  after: OperationEntry;
  judgement: WaitJudgement;
}

/** An answer with Retry-After (202 or 429) that the device did not follow with another request. */
export interface UnfollowedWait {
  answer: OperationEntry;
  status: number;
  retryAfterSeconds: number;
}

/**
 * Every device request that followed an answer with Retry-After, judged by the one definition of too
 * soon (src/dps/retry-after-wait.ts) on the instants the emulator recorded (`at` is when it received a
 * request) and in the order it received them, as its live note judged polls. A register answered 202
 * begins a new operation and a new schedule, as in the emulator; a 429'd register and its retry share one.
 */
export function judgeRetryAfterWaits(operations: readonly OperationEntry[]): { judged: JudgedRequest[]; unfollowed: UnfollowedWait[] } {
  const schedule = new RetryAfterSchedule();
  const judged: JudgedRequest[] = [];
  let waiting: UnfollowedWait | undefined;
  for (const entry of operations) {
    const judgement = schedule.judge(entry.at);
    if (judgement && waiting) judged.push({ entry, after: waiting.answer, judgement });
    const status = entry.answer.status;
    const retryAfterSeconds = status === 202 || status === 429 ? entry.answer.retryAfterSeconds : undefined;
    schedule.answered(entry.at, retryAfterSeconds, { restart: status === 202 && entry.kind !== 'poll', answeredAt: entry.answer.at });
    waiting = status !== undefined && retryAfterSeconds !== undefined ? { answer: entry, status, retryAfterSeconds } : undefined;
  }
  return { judged, unfollowed: waiting ? [waiting] : [] };
}
