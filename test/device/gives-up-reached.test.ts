import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { DeviceDriver, RegisterCommand, RegisterExchange } from '../../src/adapters/protocol-types.js';
import { isCheckFailure, isCheckNotReached } from '../../src/results/check-outcome-errors.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { verdicts } from '../../suites/device/check-support.js';
import { checkTimeoutGivesUp } from '../../suites/device/checks/error-checks.js';
import { checkPollingRetryAfter } from '../../suites/device/checks/polling-checks.js';
import { deviceCases } from '../../suites/device/device-case.js';
import { readRegistration } from '../../suites/device/evidence/registration-evidence.js';
import { runRegistration } from '../../suites/device/registration-run.js';
import { poll, register, sasFor } from '../emulator/helpers/device.js';

type Behaviour = 'refused' | 'nothing-sent' | 'gives-up' | 'keeps-waiting';

/** A driver that registers by hand, the way each behaviour says, and reports what an application would get. */
function scriptedDriver(emulator: RunningEmulator, behaviour: Behaviour): DeviceDriver {
  const exchange = (command: RegisterCommand, error: Record<string, unknown>): RegisterExchange => {
    const reply = { seq: 1, error: { message: 'gave up', ...error } };
    return { request: { ...command, seq: 1, cmd: 'register' }, reply, replyLine: JSON.stringify(reply), stderr: '', durationMs: 1 };
  };
  return {
    exhausted: false,
    start: () => Promise.resolve({ seq: 0, implementation: { name: 'scripted', version: '1' }, dialects: ['ga'], transports: ['https'], attestations: ['symmetricKey'] }),
    stop: () => Promise.resolve(),
    async register(command) {
      const id = command.registrationId;
      if (behaviour === 'nothing-sent') return exchange(command, { message: 'could not connect' });
      if (behaviour === 'refused') {
        // a body DPS does not take: 400 (400012), the registration never starts
        const answer = await register(emulator, id, 'not json', sasFor(emulator, id));
        return exchange(command, { message: `DPS answered ${answer.status}`, statusCode: answer.status });
      }
      const first = await register(emulator, id);
      await poll(emulator, id, String(first.json['operationId']));
      return exchange(command, behaviour === 'gives-up' ? { message: 'no answer in time: gave up' } : { message: 'still registering', adapterDeadline: true });
    },
  };
}

describe('device.timeout.givesUp is judged only where the device met a registration that never finishes', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  const neverAssigned = deviceCases([], { transport: 'https', dialect: 'ga', endToEnd: false }).find((c) => c.caseId === 'device-never-assigned');

  async function judge(behaviour: Behaviour, check = checkTimeoutGivesUp): Promise<unknown> {
    assert.ok(neverAssigned);
    const run = await runRegistration({ emulator, driver: scriptedDriver(emulator, behaviour), timeoutMs: 20_000 }, neverAssigned, 'https', 'ga');
    const evidence = readRegistration(run);
    try {
      return check(evidence, verdicts(evidence, new SecretRedactor()));
    } catch (error) {
      return error;
    }
  }

  it('gives the device a budget of its own, whatever --timeout says', () => {
    assert.equal(neverAssigned?.timeoutMs, 8000);
  });

  it('passes a device that met the never-ending operation and gave up', async () => {
    assert.match(String(await judge('gives-up')), /^gave up after 1 poll\(s\) answered assigning/);
  });

  it('fails a device that met it and was still registering when its time ran out', async () => {
    const outcome = await judge('keeps-waiting');
    assert.ok(isCheckFailure(outcome), String(outcome));
    assert.equal(outcome.details.mismatch, 'timeout');
  });

  it('is not reached, blocked by the check that owns the refusal, when DPS refused the register', async () => {
    const outcome = await judge('refused');
    assert.ok(isCheckNotReached(outcome), String(outcome));
    assert.equal(outcome.blockedBy, 'device.request.body');
    assert.match(outcome.message, /never met a registration that does not finish \(DPS refused the register request with 400/);
  });

  it('device.polling.retryAfter is not reached either when DPS refused the register: it never asked for a wait', async () => {
    const outcome = await judge('refused', checkPollingRetryAfter);
    assert.ok(isCheckNotReached(outcome), String(outcome));
    assert.equal(outcome.blockedBy, 'device.request.body');
    assert.match(outcome.message, /DPS never asked the device to wait/);
  });

  it('is not reached when no register reached DPS at all', async () => {
    const outcome = await judge('nothing-sent');
    assert.ok(isCheckNotReached(outcome), String(outcome));
    assert.equal(outcome.blockedBy, 'device.request.path');
  });
});
