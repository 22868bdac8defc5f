import assert from 'node:assert/strict';
import { describeWait, RetryAfterSchedule, TOO_SOON_MARGIN_MS, type WaitJudgement } from '../../src/dps/retry-after-wait.js';

const T0 = 1_000_000;

/**
 * Feeds a schedule the way the emulator does: `arrivals` are when DPS received each request (ms after
 * T0), each answered with Retry-After `retryAfterSeconds` after `serverMs`; returns the judgement of
 * every request after the first.
 */
function judge(arrivals: readonly number[], retryAfterSeconds = 3, serverMs = 5): WaitJudgement[] {
  const schedule = new RetryAfterSchedule();
  const judged: WaitJudgement[] = [];
  arrivals.forEach((at, index) => {
    const judgement = schedule.judge(T0 + at);
    if (judgement) judged.push(judgement);
    schedule.answered(T0 + at, retryAfterSeconds, { restart: index === 0, answeredAt: T0 + at + serverMs });
  });
  return judged;
}

/** Arrivals of a device that sends each request `interval` ms after its previous one was sent, each taking `latency(i)` to arrive. */
function countsFromRequest(count: number, interval: number, latency: (i: number) => number): number[] {
  return Array.from({ length: count }, (_, i) => i * interval + latency(i));
}

/** Arrivals of a device that waits `wait` ms after each answer, each round trip (answer back, next request there) taking `roundTrip(i)`. */
function waitsAfterAnswer(count: number, wait: number, roundTrip: (i: number) => number, serverMs = 5): number[] {
  const arrivals = [0];
  for (let i = 1; i < count; i += 1) arrivals.push((arrivals[i - 1] as number) + serverMs + roundTrip(i) + wait);
  return arrivals;
}

const soon = (judged: readonly WaitJudgement[]): boolean[] => judged.map((j) => j.tooSoon);

describe('too soon after a Retry-After (one definition for the device suite and emulate)', () => {
  it('passes a device that counts from DPS\'s answer, however slowly DPS answered', () => {
    assert.deepEqual(soon(judge(waitsAfterAnswer(4, 3000, () => 20))), [false, false, false]);
    assert.deepEqual(soon(judge(waitsAfterAnswer(4, 3000, () => 20, 900), 3, 900)), [false, false, false]);
  });

  it('passes a device that counts from its own request, even when its first request took 900 ms longer to arrive than the rest', () => {
    // the C SDK polled 35 to 80 ms early by the answer's clock; here a slow TLS handshake delays the register
    assert.deepEqual(soon(judge(countsFromRequest(4, 3000, (i) => (i === 0 ? 950 : 50)))), [false, false, false]);
    assert.deepEqual(soon(judge(countsFromRequest(4, 3000, (i) => (i === 0 ? 50 + TOO_SOON_MARGIN_MS : 50)))), [false, false, false]);
    // and any jitter in between: the waits telescope
    assert.deepEqual(soon(judge(countsFromRequest(6, 3000, (i) => [900, 10, 600, 5, 800, 0][i] as number))), [false, false, false, false, false]);
  });

  it('fails a device that polls every 2 s when 3 s were asked, by the third request, with round trips up to 660 ms each', () => {
    assert.deepEqual(soon(judge(countsFromRequest(4, 2000, () => 30))), [false, true, true]);
    assert.deepEqual(soon(judge(waitsAfterAnswer(4, 2000, () => 30))), [false, true, true]);
    assert.equal(soon(judge(waitsAfterAnswer(4, 2000, () => 660))).at(-1), true);
  });

  it('fails a device that ignores Retry-After at once, and asks nothing when Retry-After is 0', () => {
    assert.deepEqual(soon(judge([0, 10, 20])), [true, true]);
    assert.deepEqual(soon(judge([0, 1, 2], 0)), [false, false]);
  });

  it('does not let a device bank a long wait: an immediate poll after one is too soon', () => {
    assert.deepEqual(soon(judge([0, 10_000, 10_010])), [false, true]);
  });

  it('starts a new schedule for a new operation and ends one at a terminal answer', () => {
    const schedule = new RetryAfterSchedule();
    schedule.answered(T0, 3, { restart: true });
    schedule.answered(T0 + 100, 3, { restart: true });
    assert.equal(schedule.judge(T0 + 3100)?.aheadMs, 0);
    schedule.answered(T0 + 3100, undefined);
    assert.equal(schedule.judge(T0 + 3101), undefined);
  });

  it('says the wait since the previous request, since DPS\'s answer and over the stretch that put it furthest ahead', () => {
    const judged = judge([0, 2020, 4040], 3, 22);
    assert.deepEqual({ ...judged[1] }, {
      tooSoon: true,
      aheadMs: 1960,
      stretch: { requestsBack: 2, sinceMs: 4040, askedMs: 6000 },
      retryAfterSeconds: 3,
      sinceRequestMs: 2020,
      sinceAnswerMs: 1998,
    });
    assert.equal(describeWait(judged[1] as WaitJudgement), "2020 ms after the device's previous request (1998 ms after DPS's answer, Retry-After 3 s); 4040 ms after its request 2 before, with 6 s asked since: 1960 ms early");
  });
});
