import { jsonDifference } from '../../../src/adapters/json-difference.js';
import { CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import type { RegisterResult } from '../../../src/adapters/protocol-types.js';
import type { Verdicts } from '../check-support.js';
import { brief } from '../check-support.js';
import { asText, returnMember, roundBigInts } from '../evidence/json-values.js';
import type { DeviceEvidence, TerminalAnswer } from '../evidence/registration-evidence.js';

/** The terminal answer DPS gave, or the check cannot judge (the device never got one: polling.terminal says so). */
function terminalState(e: DeviceEvidence, v: Verdicts): TerminalAnswer {
  if (!e.terminal) v.fail('expected a result after a terminal DPS answer, the device never received one', { mismatch: 'no-terminal-answer' });
  return e.terminal;
}

function resultOf(e: DeviceEvidence, v: Verdicts): RegisterResult {
  const reply = v.reply();
  if (!reply.result) {
    const { status } = terminalState(e, v);
    v.fail(`expected the result DPS sent (status ${status}), the implementation reported an error: ${reply.error?.message ?? ''}`, {
      mismatch: 'error-instead-of-result',
      actual: reply.error,
    });
  }
  return reply.result;
}

/** `device.result.status`: the status handed to the application is DPS's terminal status. */
export function checkResultStatus(e: DeviceEvidence, v: Verdicts): string {
  const result = resultOf(e, v);
  const { status } = terminalState(e, v);
  if (result.status !== status) {
    v.fail(`expected status ${status}, got ${brief(result.status)}`, { mismatch: 'wrong-status', expected: status, actual: result.status });
  }
  return `status ${result.status}`;
}

/** `device.result.assignment`: assignedHub and deviceId as DPS sent them. */
export function checkResultAssignment(e: DeviceEvidence, v: Verdicts): string {
  const result = resultOf(e, v);
  const { state } = terminalState(e, v);
  for (const key of ['assignedHub', 'deviceId'] as const) {
    if (result[key] !== state[key]) v.fail(`expected ${key} ${brief(state[key])}, got ${brief(result[key])}`, { mismatch: 'wrong-assignment', expected: state[key], actual: result[key] });
  }
  return `assignedHub ${asText(state['assignedHub'])}, deviceId ${asText(state['deviceId'])}`;
}

/**
 * `device.returnData.fidelity` / `device.returnData.fragmented`: the returned data handed to the
 * application equals what DPS delivered. Numbers compare as doubles here; every digit beyond 2^53 is
 * `device.returnData.bigIntegers`' concern, so one defect does not fail a MUST and a SHOULD at once.
 */
export function checkReturnData(e: DeviceEvidence, v: Verdicts): string {
  const result = resultOf(e, v);
  const { state } = terminalState(e, v);
  const member = returnMember(e.run.dialect);
  const delivered = Object.prototype.hasOwnProperty.call(state, member);
  const surfaced = Object.prototype.hasOwnProperty.call(result, 'returnData') && result.returnData !== undefined;
  if (!delivered) {
    if (surfaced) v.fail(`expected no returned data (DPS delivered no "${member}"), got ${brief(result.returnData)}`, { mismatch: 'unexpected-member', actual: result.returnData });
    return 'no returned data delivered, none surfaced';
  }
  if (!surfaced) v.fail(`expected returned data ${brief(state[member])}, got none`, { mismatch: 'missing-field', expected: state[member] });
  const diff = jsonDifference(roundBigInts(state[member]), roundBigInts(result.returnData));
  if (diff) {
    v.fail(`expected returnData${diff.path} ${brief(diff.expected)}, got ${brief(diff.actual)} (${diff.kind})`, {
      mismatch: 'data-mismatch',
      expected: state[member],
      actual: result.returnData,
    });
  }
  return `returned data equal to what DPS delivered in "${member}"`;
}

/** `device.returnData.bigIntegers` (SHOULD): integers beyond 2^53 in the returned data keep every digit. */
export function checkReturnDataBigIntegers(e: DeviceEvidence, v: Verdicts): string {
  const result = resultOf(e, v);
  const { state, exact } = terminalState(e, v);
  if (!exact) {
    throw new CheckSkipped('the emulator transcript holds parsed answers, so whether DPS delivered every digit beyond 2^53 cannot be told');
  }
  const member = returnMember(e.run.dialect);
  const diff = jsonDifference(state[member], result.returnData);
  if (diff) {
    v.fail(`expected returnData${diff.path} ${brief(diff.expected)}, got ${brief(diff.actual)} (digits lost beyond 2^53)`, {
      mismatch: 'precision-lost',
      expected: state[member],
      actual: result.returnData,
    });
  }
  return 'integers beyond 2^53 kept every digit';
}
