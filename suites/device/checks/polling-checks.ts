import { describeWait, TOO_SOON_MARGIN_MS } from '../../../src/dps/retry-after-wait.js';
import { CheckNotReached } from '../../../src/results/check-outcome-errors.js';
import type { Verdicts } from '../check-support.js';
import type { OperationEntry } from '../evidence/evidence-entry.js';
import { asText, isObject } from '../evidence/json-values.js';
import type { RegistrationEvidence } from '../evidence/registration-evidence.js';
import { judgeRetryAfterWaits, type JudgedRequest } from '../evidence/retry-after-waits.js';
import { stoppedBeforeRegistering } from './stopped-before-registering.js';

/** What the application was told, for a message: nothing when judged from the server side alone (`emulate`). */
function reported(reply: ReturnType<Verdicts['reply']>): string {
  if (reply.result) return ` and reported status ${reply.result.status}`;
  if (reply.error) return ` and reported error "${reply.error.message}"`;
  return '';
}

/** An answer for a message: its status code and, when its body names one, the operation status. */
function describeAnswer(entry: OperationEntry): string {
  const body = entry.answer.body;
  const status = body.kind === 'json' && isObject(body.value) ? body.value['status'] : undefined;
  return `${entry.answer.status ?? '?'} ${typeof status === 'string' ? status : ''}`.trim();
}

/** `device.polling.terminal`: the device polled until DPS answered a terminal status before reporting. */
export function checkPollingTerminal(e: RegistrationEvidence, v: Verdicts): string {
  const reply = v.reply();
  const ops = e.operations;
  const terminal = e.terminal;
  if (!terminal) {
    const last = ops[ops.length - 1];
    const lastStatus = last ? describeAnswer(last) : 'no request';
    v.fail(`expected polling until a terminal status, the device stopped after ${ops.length} request(s) (last answer ${lastStatus})${reported(reply)}`, {
      mismatch: 'stopped-polling',
    });
  }
  return `polled ${e.polls.length} time(s) until DPS answered ${asText(terminal.status)}`;
}

/** The failure of a request that came too soon, with the wait in the one text the emulator's note uses too. */
function tooSoon(v: Verdicts, what: string, request: JudgedRequest): never {
  const { judgement } = request;
  return v.fail(`expected ${what} no more than ${TOO_SOON_MARGIN_MS} ms ahead of the Retry-Afters DPS gave, it came ${describeWait(judgement)}`, {
    mismatch: 'too-soon',
    expected: { retryAfterSeconds: judgement.retryAfterSeconds, notAheadByMoreThanMs: TOO_SOON_MARGIN_MS },
    actual: { aheadMs: judgement.aheadMs, sinceRequestMs: judgement.sinceRequestMs, sinceAnswerMs: judgement.sinceAnswerMs, stretch: judgement.stretch },
  });
}

/**
 * `device.polling.retryAfter` (SHOULD): no poll after a 202 comes too soon, by the one definition
 * (src/dps/retry-after-wait.ts) that `emulate`'s live note uses too.
 */
export function checkPollingRetryAfter(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const { judged, unfollowed } = judgeRetryAfterWaits(e.operations);
  // a register after a 202 starts another operation: only polls are judged, as the emulator's note does
  const polls = judged.filter((j) => j.after.answer.status === 202 && j.entry.kind === 'poll');
  if (polls.length === 0) {
    const any202 = judged.some((j) => j.after.answer.status === 202) || unfollowed.some((w) => w.status === 202);
    if (!any202) {
      // a registration that never started (its register refused) says nothing about waiting
      const { checkId, why } = stoppedBeforeRegistering(e);
      throw new CheckNotReached(`not reached: DPS never asked the device to wait (${why})`, checkId);
    }
    v.fail('expected a poll after a 202 with Retry-After, got no poll after it', { mismatch: 'missing-request' });
  }
  const early = polls.find((p) => p.judgement.tooSoon);
  if (early) tooSoon(v, 'each poll', early);
  const furthest = Math.max(...polls.map((p) => p.judgement.aheadMs));
  return `${polls.length} poll(s), none too soon (at most ${Math.max(0, furthest)} ms ahead of the Retry-Afters asked for)`;
}

/**
 * `device.polling.throttle`: after a 429 with Retry-After, the device sends the request again, and not
 * too soon (the same definition; every 429 is judged, so that a poll the emulator's live note calls
 * too soon after a 429 of its rate limit is one this check fails).
 */
export function checkPollingThrottle(e: RegistrationEvidence, v: Verdicts): string {
  const reply = v.reply();
  const { judged, unfollowed } = judgeRetryAfterWaits(e.operations);
  const retries = judged.filter((j) => j.after.answer.status === 429);
  const stopped = unfollowed.find((w) => w.status === 429);
  if (retries.length === 0 && !stopped) v.fail('expected the device to meet the planned 429, the emulator never answered one', { mismatch: 'missing-request' });
  const early = retries.find((r) => r.judgement.tooSoon);
  if (early) tooSoon(v, 'each retry after a 429', early);
  if (stopped) {
    v.fail(`expected a retry after the 429 (Retry-After ${stopped.retryAfterSeconds}), the device made no further request${reported(reply)}`, { mismatch: 'no-retry' });
  }
  return `retried ${retries.length} time(s) after a 429, none too soon (${retries.map((r) => describeWait(r.judgement)).join('; ')})`;
}
