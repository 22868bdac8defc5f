import type { TranscriptEntry } from '../../../src/emulator/index.js';
import type { ObservedRun } from '../registration-run.js';
import type { Verdicts } from '../check-support.js';
import { answerTime, asText, isObject, operationEntries, requestTime, responseBody, terminalAnswer } from '../transcript-reading.js';

/** What the application was told, for a message: nothing when judged from the server side alone (`emulate`). */
function reported(reply: ReturnType<Verdicts['reply']>): string {
  if (reply.result) return ` and reported status ${reply.result.status}`;
  if (reply.error) return ` and reported error "${reply.error.message}"`;
  return '';
}

/** Allowance for clocks and scheduling when comparing a wait with the Retry-After asked for. */
const TOLERANCE_MS = 50;

/** `device.polling.terminal`: the device polled until DPS answered a terminal status before reporting. */
export function checkPollingTerminal(run: ObservedRun, v: Verdicts): string {
  const reply = v.reply();
  const ops = operationEntries(run.entries);
  const terminal = terminalAnswer(run.entries);
  if (!terminal) {
    const last = ops[ops.length - 1];
    const lastStatus = last ? `${last.response?.status ?? '?'} ${String(isObject(responseBody(last).value) ? (responseBody(last).value as Record<string, unknown>)['status'] : '')}`.trim() : 'no request';
    v.fail(`expected polling until a terminal status, the device stopped after ${ops.length} request(s) (last answer ${lastStatus})${reported(reply)}`, {
      mismatch: 'stopped-polling',
    });
  }
  const polls = ops.filter((e) => e.kind === 'poll').length;
  return `polled ${polls} time(s) until DPS answered ${asText(terminal.operation['status'])}`;
}

/** Pairs of (answer with Retry-After, the device's next request). */
function waits(ops: readonly TranscriptEntry[], status: number): Array<{ answer: TranscriptEntry; next?: TranscriptEntry; retryAfter: number }> {
  const pairs: Array<{ answer: TranscriptEntry; next?: TranscriptEntry; retryAfter: number }> = [];
  ops.forEach((entry, index) => {
    const retryAfter = entry.response?.retryAfterSeconds;
    if (entry.response?.status !== status || retryAfter === undefined) return;
    const next = ops[index + 1];
    pairs.push({ answer: entry, retryAfter, ...(next ? { next } : {}) });
  });
  return pairs;
}

/** `device.polling.retryAfter`: no poll sooner than the Retry-After of the 202 before it. */
export function checkPollingRetryAfter(run: ObservedRun, v: Verdicts): string {
  v.reply();
  const pairs = waits(operationEntries(run.entries), 202);
  const followed = pairs.filter((p) => p.next);
  if (followed.length === 0) v.fail(`expected a poll after a 202 with Retry-After, got ${pairs.length === 0 ? 'no such answer' : 'no poll after it'}`, { mismatch: 'missing-request' });
  for (const { answer, next, retryAfter } of followed) {
    const waited = requestTime(next as TranscriptEntry) - answerTime(answer);
    if (waited < retryAfter * 1000 - TOLERANCE_MS) {
      v.fail(`expected the next poll at least ${retryAfter} s after the 202 (Retry-After ${retryAfter}), it came after ${waited} ms`, {
        mismatch: 'too-soon',
        expected: retryAfter * 1000,
        actual: waited,
      });
    }
  }
  return `${followed.length} poll(s), each after the Retry-After asked for`;
}

/** `device.polling.throttle`: after a 429 with Retry-After, the device retries, and not before the delay. */
export function checkPollingThrottle(run: ObservedRun, v: Verdicts): string {
  const reply = v.reply();
  const pairs = waits(operationEntries(run.entries), 429);
  const first = pairs[0];
  if (!first) v.fail('expected the device to meet the planned 429, the emulator never answered one', { mismatch: 'missing-request' });
  if (!first.next) {
    v.fail(`expected a retry after the 429 (Retry-After ${first.retryAfter}), the device made no further request${reported(reply)}`, { mismatch: 'no-retry' });
  }
  const waited = requestTime(first.next) - answerTime(first.answer);
  if (waited < first.retryAfter * 1000 - TOLERANCE_MS) {
    v.fail(`expected the retry at least ${first.retryAfter} s after the 429, it came after ${waited} ms`, { mismatch: 'too-soon', expected: first.retryAfter * 1000, actual: waited });
  }
  return `retried ${waited} ms after the 429 (Retry-After ${first.retryAfter} s)`;
}
