/**
 * The one definition of "too soon" after DPS told a device to wait (Retry-After on a 202 or a 429),
 * shared by the device suite (`device.polling.retryAfter`, `device.polling.throttle`), the emulator's
 * live note (`poll too soon`, `earlyPolls` in `emulate`'s observations) and `emulate`'s grading, so
 * that the three never disagree on a request (suites/device/CHECKS.md, "Timing").
 *
 * The Retry-Afters DPS gives make a schedule: counted from any earlier request of the same operation,
 * the next request is due no sooner than the Retry-Afters given since add up to. A request is too soon
 * when it reaches DPS more than TOO_SOON_MARGIN_MS ahead of that schedule. All instants are when DPS
 * (the emulator) received a request, the earliest instant a device can count from.
 *
 * - A device that counts each Retry-After from when it sent (or queued) its request, as the Azure IoT
 *   C SDK does, is ahead of the schedule only by how much longer one of its requests took to arrive
 *   than a later one: the waits telescope, however many there are and however slowly DPS answered.
 * - A device that polls on a fixed interval shorter than the one asked for falls further ahead with
 *   every request: 2 s against DPS's 3 s puts it a second ahead per poll, less its round trips.
 * - A device that waited longer once cannot bank the time: every stretch of its requests is measured.
 */
export const TOO_SOON_MARGIN_MS = 1000;

/** How a request stood against the schedule of the Retry-Afters before it. */
export interface WaitJudgement {
  tooSoon: boolean;
  /** ms the request came before it was due (negative: after); too soon when above the margin */
  aheadMs: number;
  /** the stretch that put it furthest ahead: from the request `requestsBack` before it, `askedMs` asked in between */
  stretch: { requestsBack: number; sinceMs: number; askedMs: number };
  /** the Retry-After of the answer just before it */
  retryAfterSeconds: number;
  /** ms from DPS receiving the previous request to DPS receiving this one */
  sinceRequestMs: number;
  /** ms from DPS's answer to the previous request to this one, when the answer time is known */
  sinceAnswerMs?: number;
}

interface Due {
  /** when the next request is due (ms since the epoch) */
  at: number;
  /** the earlier request this is counted from, and how much was asked since */
  from: { receivedAt: number; index: number };
  askedMs: number;
}

/**
 * The schedule of one operation, fed request by request in the order DPS received them: `judge` a
 * request when it comes, then tell `answered` what DPS answered it. Keeps a few numbers, so the
 * emulator can hold one per operation.
 */
export class RetryAfterSchedule {
  #due: Due | undefined;
  #previous: { receivedAt: number; answeredAt?: number; retryAfterSeconds: number } | undefined;
  #count = 0;

  /** Judges a request received at `receivedAt`; undefined when no answer before it asked for a wait. */
  judge(receivedAt: number): WaitJudgement | undefined {
    const due = this.#due;
    const previous = this.#previous;
    if (!due || !previous) return undefined;
    const aheadMs = due.at - receivedAt;
    return {
      tooSoon: aheadMs > TOO_SOON_MARGIN_MS,
      aheadMs,
      stretch: { requestsBack: this.#count - due.from.index, sinceMs: receivedAt - due.from.receivedAt, askedMs: due.askedMs },
      retryAfterSeconds: previous.retryAfterSeconds,
      sinceRequestMs: receivedAt - previous.receivedAt,
      ...(previous.answeredAt === undefined ? {} : { sinceAnswerMs: receivedAt - previous.answeredAt }),
    };
  }

  /**
   * Records DPS's answer to the request received at `receivedAt`: with a Retry-After it extends the
   * schedule (`restart`: the answer began a new operation, whose schedule starts here); without one
   * (a terminal answer) the schedule ends.
   */
  answered(receivedAt: number, retryAfterSeconds: number | undefined, options: { restart?: boolean; answeredAt?: number } = {}): void {
    const index = this.#count;
    this.#count += 1;
    if (retryAfterSeconds === undefined) {
      this.#due = undefined;
      this.#previous = undefined;
      return;
    }
    const askedMs = retryAfterSeconds * 1000;
    const due = options.restart ? undefined : this.#due;
    // counted from the earlier stretch while the device is still behind it, else from this request
    this.#due =
      due && due.at > receivedAt
        ? { at: due.at + askedMs, from: due.from, askedMs: due.askedMs + askedMs }
        : { at: receivedAt + askedMs, from: { receivedAt, index }, askedMs };
    this.#previous = { receivedAt, retryAfterSeconds, ...(options.answeredAt === undefined ? {} : { answeredAt: options.answeredAt }) };
  }
}

/**
 * `2020 ms after the device's previous request (1998 ms after DPS's answer, Retry-After 3 s); 4040 ms
 * after its request 2 before, with 6 s asked since: 1960 ms early`. The one text for notes and messages.
 */
export function describeWait(judgement: WaitJudgement): string {
  const answer = judgement.sinceAnswerMs === undefined ? '' : `${judgement.sinceAnswerMs} ms after DPS's answer, `;
  const previous = `${judgement.sinceRequestMs} ms after the device's previous request (${answer}Retry-After ${judgement.retryAfterSeconds} s)`;
  const { requestsBack, sinceMs, askedMs } = judgement.stretch;
  const stretch = requestsBack > 1 ? `; ${sinceMs} ms after its request ${requestsBack} before, with ${askedMs / 1000} s asked since` : '';
  const verdict = judgement.aheadMs > 0 ? `${judgement.aheadMs} ms early` : 'not early';
  return `${previous}${stretch}: ${verdict}`;
}
