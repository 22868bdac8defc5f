/** DPS's documented per-device polling limit: 5 operation-status polls per 10 s (see docs/emulator-behaviour.md). */
export const DPS_POLL_LIMIT = { polls: 5, windowSeconds: 10 } as const;

export interface PollRateLimit {
  polls: number;
  windowSeconds: number;
}

/** Registrations tracked at most; the least recently polled one is forgotten first (bounded memory). */
const TRACKED = 100_000;

/**
 * Counts the polls of each registration in a sliding window. `take` says whether one more poll is
 * allowed now and, when not, how many seconds until the window has room (the Retry-After of the 429).
 */
export class PollRateLimiter {
  readonly #limit: PollRateLimit;
  readonly #polls = new Map<string, number[]>();

  constructor(limit: PollRateLimit = DPS_POLL_LIMIT) {
    this.#limit = { polls: Math.max(1, limit.polls), windowSeconds: Math.max(1, limit.windowSeconds) };
  }

  get limit(): PollRateLimit {
    return this.#limit;
  }

  /** Records a poll at `now` when allowed; a refused poll does not count (DPS counts answered operations). */
  take(registrationId: string, now: number = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const key = registrationId.toLowerCase();
    const windowMs = this.#limit.windowSeconds * 1000;
    const recent = (this.#polls.get(key) ?? []).filter((at) => now - at < windowMs);
    this.#polls.delete(key); // re-inserted below: the map's order is then least recently polled first
    if (recent.length >= this.#limit.polls) {
      this.#polls.set(key, recent);
      const oldest = recent[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.#polls.set(key, recent);
    for (const first of this.#polls.keys()) {
      if (this.#polls.size <= TRACKED) break;
      this.#polls.delete(first);
    }
    return { ok: true };
  }
}
