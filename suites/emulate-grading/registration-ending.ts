import { CheckNotReached, CheckSkipped } from '../../src/results/check-outcome-errors.js';
import type { Verdicts } from '../device/check-support.js';
import { checkPollingRetryAfter, checkPollingTerminal } from '../device/checks/polling-checks.js';
import { DEVICE_CHECKS } from '../device/device-checks.js';
import type { ClosedEntry, DeviceEntry, OperationEntry } from '../device/evidence/evidence-entry.js';
import { isObject } from '../device/evidence/json-values.js';
import type { RegistrationEvidence } from '../device/evidence/registration-evidence.js';
import { describeRefusal, ownedRefusals } from '../device/refusal-owner.js';
import type { ObservedRegistration } from './split-registrations.js';

/** When the `emulate` session ended (ms since the epoch): what a device had not done by then, it may still have been doing. */
export interface Session {
  stoppedAt: number;
}

/** How a registration's part of the session ended, as far as the emulator can tell. */
interface Ending {
  /** the device left (a clean close, or a connection that just ended), or started another registration: it gave up on this one */
  gaveUp: boolean;
  text: string;
}

const seconds = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** The end of the registration's connection, or of the session: what the device did last. */
function endingOf(registration: ObservedRegistration, e: RegistrationEvidence, session: Session, since: number): Ending {
  const closed = [...e.device].reverse().find((entry): entry is ClosedEntry => entry.kind === 'closed');
  const after = (at: number): string => seconds(at - since);
  if (closed?.how === 'dropped') return { gaveUp: true, text: `the connection ended without a close from the device ${after(closed.at)} later (a crash, a lost network, a killed process)` };
  if (closed?.how === 'disconnect') return { gaveUp: true, text: `the device closed the connection ${after(closed.at)} later` };
  if (registration.nextRegistration !== undefined) return { gaveUp: true, text: `the device registered again (registration #${registration.nextRegistration}) instead` };
  if (closed?.how === 'emulator') return { gaveUp: false, text: `the emulator ended the connection ${after(closed.at)} later (${closed.notes.notes?.[0] ?? 'see the transcript'})` };
  const open = closed?.how === 'emulator-stopped' ? 'with the connection still open ' : '';
  return { gaveUp: false, text: `emulate stopped ${open}${after(session.stoppedAt)} later, before the device did more` };
}

/** What the device did in this registration, in a few words. */
export function describeSeen(e: RegistrationEvidence): string {
  const parts: string[] = [];
  const connect = e.connect;
  if (connect) parts.push(`${connectWord(connect)} ${connect.notes.auth?.ok === false ? 'refused' : 'accepted'}`);
  const subscribes = e.device.filter((entry) => entry.kind === 'subscribe').length;
  if (subscribes > 0) parts.push(`${subscribes} SUBSCRIBE`);
  const registers = e.registers.length;
  const first = e.registers[0];
  if (first) parts.push(`${registers === 1 ? 'register' : `${registers} registers`} answered ${answerWords(e.registers[registers - 1] ?? first)}`);
  const polls = e.polls;
  const last = polls[polls.length - 1];
  if (last) parts.push(`${polls.length} poll(s), the last answered ${answerWords(last)}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing but the connection';
}

function connectWord(connect: DeviceEntry): string {
  if (connect.frontEnd === 'mqtt' || connect.frontEnd === 'mqtt-ws') return 'MQTT CONNECT';
  return 'wire' in connect && connect.wire.protocol === 'amqp' && connect.wire.amqp === 'attach' ? 'AMQP link with a client certificate' : 'AMQP SASL PLAIN';
}

function answerWords(entry: OperationEntry): string {
  const body = entry.answer.body;
  const status = body.kind === 'json' && isObject(body.value) && typeof body.value['status'] === 'string' ? ` ${body.value['status']}` : '';
  const retry = entry.answer.retryAfterSeconds !== undefined ? ` (Retry-After ${entry.answer.retryAfterSeconds} s)` : '';
  return `${entry.answer.status ?? 'nothing'}${status}${retry}`;
}

/**
 * `device.data.sent` for a connection the emulator accepted that never carried a register request: a
 * device that connected and left (or crashed first) fails it, saying what it did and what was
 * missing; one still connected when emulate stopped is not judged (it may have been about to).
 */
export function checkRegisterSent(registration: ObservedRegistration, session: Session) {
  return (e: RegistrationEvidence, v: Verdicts): string => {
    const ending = endingOf(registration, e, session, e.connect?.answer.at ?? e.device[0]?.at ?? session.stoppedAt);
    const seen = describeSeen(e);
    if (ending.gaveUp) v.fail(`expected a register request once the connection was accepted; seen: ${seen}; missing: a register request: ${ending.text}`, { mismatch: 'missing-request' });
    throw new CheckSkipped(`not judged: the device had sent no register request when ${ending.text}; seen: ${seen}`);
  };
}

/**
 * `device.polling.terminal` as `emulate` judges it: a registration DPS answered 202 that never got a
 * terminal answer fails when the device gave up on it (left, crashed, registered again), saying what
 * it saw and what was missing; one still running when emulate stopped is not judged.
 */
export function checkFinished(registration: ObservedRegistration, session: Session) {
  return (e: RegistrationEvidence, v: Verdicts): string => {
    if (e.terminal) return checkPollingTerminal(e, v);
    const last = e.operations[e.operations.length - 1];
    const status = last?.answer.status;
    if (last && status !== undefined && status >= 400 && status !== 429 && status < 500) {
      // the device stopped because DPS refused it: the check that owns the refusal says why
      const refusal = ownedRefusals(e).at(-1);
      if (refusal) throw new CheckNotReached(`not reached: ${describeRefusal(refusal)}; judged by ${refusal.owner.id}`, refusal.owner.id);
      throw new CheckSkipped(`not judged: DPS refused the device's last request (${answerWords(last)})`);
    }
    const ending = endingOf(registration, e, session, last?.answer.at ?? session.stoppedAt);
    const seen = describeSeen(e);
    if (ending.gaveUp) {
      v.fail(`expected polls until a terminal status; seen: ${seen}; missing: a terminal answer: ${ending.text}`, { mismatch: 'stopped-polling' });
    }
    throw new CheckSkipped(`not judged: the registration had not finished when ${ending.text}; seen: ${seen}`);
  };
}

/** `device.polling.retryAfter`, when a poll followed a 202; a device that never polled after one has nothing to time (device.polling.terminal says why). */
export function checkRetryAfterIfPolled(e: RegistrationEvidence, v: Verdicts): string {
  const polledAfter202 = e.operations.some((entry, index) => entry.answer.status === 202 && e.operations[index + 1] !== undefined);
  if (!polledAfter202) throw new CheckNotReached('no poll followed a 202: there is no wait to time', DEVICE_CHECKS.pollingTerminal.id);
  return checkPollingRetryAfter(e, v);
}
