import type { Verdicts } from '../check-support.js';
import type { OperationEntry } from '../evidence/evidence-entry.js';
import { asText, isObject } from '../evidence/json-values.js';
import type { RegistrationEvidence } from '../evidence/registration-evidence.js';

/** What the application was told, for a message: nothing when judged from the server side alone (`emulate`). */
function reported(reply: ReturnType<Verdicts['reply']>): string {
  if (reply.result) return ` and reported status ${reply.result.status}`;
  if (reply.error) return ` and reported error "${reply.error.message}"`;
  return '';
}

/** Allowance for clocks and scheduling when comparing a wait with the Retry-After asked for. */
const TOLERANCE_MS = 50;

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

interface Wait {
  answer: OperationEntry;
  next?: OperationEntry;
  retryAfter: number;
}

/** Pairs of (answer with Retry-After, the device's next request). */
function waits(ops: readonly OperationEntry[], status: number): Wait[] {
  const pairs: Wait[] = [];
  ops.forEach((entry, index) => {
    const retryAfter = entry.answer.retryAfterSeconds;
    if (entry.answer.status !== status || retryAfter === undefined) return;
    const next = ops[index + 1];
    pairs.push({ answer: entry, retryAfter, ...(next ? { next } : {}) });
  });
  return pairs;
}

/** `device.polling.retryAfter`: no poll sooner than the Retry-After of the 202 before it. */
export function checkPollingRetryAfter(e: RegistrationEvidence, v: Verdicts): string {
  v.reply();
  const pairs = waits(e.operations, 202);
  const followed = pairs.flatMap(({ answer, next, retryAfter }) => (next ? [{ answer, next, retryAfter }] : []));
  if (followed.length === 0) v.fail(`expected a poll after a 202 with Retry-After, got ${pairs.length === 0 ? 'no such answer' : 'no poll after it'}`, { mismatch: 'missing-request' });
  for (const { answer, next, retryAfter } of followed) {
    const waited = next.at - answer.answer.at;
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
export function checkPollingThrottle(e: RegistrationEvidence, v: Verdicts): string {
  const reply = v.reply();
  const first = waits(e.operations, 429)[0];
  if (!first) v.fail('expected the device to meet the planned 429, the emulator never answered one', { mismatch: 'missing-request' });
  if (!first.next) {
    v.fail(`expected a retry after the 429 (Retry-After ${first.retryAfter}), the device made no further request${reported(reply)}`, { mismatch: 'no-retry' });
  }
  const waited = first.next.at - first.answer.answer.at;
  if (waited < first.retryAfter * 1000 - TOLERANCE_MS) {
    v.fail(`expected the retry at least ${first.retryAfter} s after the 429, it came after ${waited} ms`, { mismatch: 'too-soon', expected: first.retryAfter * 1000, actual: waited });
  }
  return `retried ${waited} ms after the 429 (Retry-After ${first.retryAfter} s)`;
}
