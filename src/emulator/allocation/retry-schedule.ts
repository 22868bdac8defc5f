/** How DPS retries a webhook that answers >= 429 (docs/protocol/webhook.md): 10 retries, 1 s first, +9 s each. */
export interface RetrySchedule {
  retries: number;
  initialMs: number;
  incrementMs: number;
}

export const DPS_WEBHOOK_RETRY_SCHEDULE: RetrySchedule = { retries: 10, initialMs: 1000, incrementMs: 9000 };

/** The wait before retry number `retry` (0-based): initial + retry x increment. */
export function retryDelayMs(schedule: RetrySchedule, retry: number): number {
  return schedule.initialMs + retry * schedule.incrementMs;
}
