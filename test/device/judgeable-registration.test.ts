import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { AdapterFault } from '../../src/adapters/adapter-fault.js';
import { lateWindowMs } from '../../src/adapters/adapter-client.js';
import type { DeviceDriver, RegisterCommand, RegisterExchange } from '../../src/adapters/protocol-types.js';
import { deviceCases } from '../../suites/device/device-case.js';
import { HARNESS_ATTEMPTS, runJudgeableRegistration } from '../../suites/device/judgeable-registration.js';
import { poll, register } from '../emulator/helpers/device.js';

/** Registers by hand; the first `faults` requests end in the fault given (as the adapter client reports it). */
function driverFailing(emulator: RunningEmulator, faults: number, fault: () => AdapterFault): DeviceDriver & { calls: number } {
  const driver: DeviceDriver & { calls: number } = {
    calls: 0,
    exhausted: false,
    start: () => Promise.resolve({ seq: 0, implementation: { name: 'scripted', version: '1' }, dialects: ['ga'], transports: ['https'], attestations: ['symmetricKey'] } as const),
    stop: () => Promise.resolve(),
    async register(command: RegisterCommand): Promise<RegisterExchange> {
      driver.calls += 1;
      if (driver.calls <= faults) throw fault();
      const first = await register(emulator, command.registrationId);
      const last = await poll(emulator, command.registrationId, String(first.json['operationId']));
      const reply = { seq: 1, result: { status: String(last.json['status']) } };
      return { request: { ...command, seq: 1, cmd: 'register' }, reply, replyLine: JSON.stringify(reply), stderr: '', durationMs: 1 };
    },
  };
  return driver;
}

describe('a registration the harness failed in is made again, and only then judged', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());
  const pnp = deviceCases([], { transport: 'https', dialect: 'ga', endToEnd: false }).find((c) => c.caseId === 'device-allocation-failed');
  const restartTimeout = (): AdapterFault => new AdapterFault('timeout', 'restarting the adapter: no start reply within 15000 ms', { during: 'restart' });

  it('makes it again after an adapter restart that ran out of time, and keeps why', async () => {
    assert.ok(pnp);
    const driver = driverFailing(emulator, 1, restartTimeout);
    const run = await runJudgeableRegistration({ emulator, driver, timeoutMs: 10_000 }, pnp, 'https', 'ga');
    assert.equal(driver.calls, 2);
    assert.equal(run.harnessFault, undefined);
    assert.equal(run.fault, undefined);
    assert.deepEqual(run.harnessRetries, ['the adapter, which had started before in this run, did not start again in time (restarting the adapter: no start reply within 15000 ms)']);
  });

  it(`gives up after ${HARNESS_ATTEMPTS} registrations the harness failed in, and says so`, async () => {
    assert.ok(pnp);
    const driver = driverFailing(emulator, 99, restartTimeout);
    const run = await runJudgeableRegistration({ emulator, driver, timeoutMs: 10_000 }, pnp, 'https', 'ga');
    assert.equal(driver.calls, HARNESS_ATTEMPTS);
    assert.match(run.harnessFault ?? '', /did not start again in time/);
  });

  const lateReply = (): AdapterFault =>
    new AdapterFault('timeout', "the register reply came 1500 ms after the harness's deadline of 11000 ms", { lateByMs: 1500 });

  it("makes it again when the adapter's reply came after the harness's deadline (a cold start on a loaded machine), and keeps why", async () => {
    assert.ok(pnp);
    const driver = driverFailing(emulator, 1, lateReply);
    const run = await runJudgeableRegistration({ emulator, driver, timeoutMs: 10_000 }, pnp, 'https', 'ga');
    assert.equal(driver.calls, 2);
    assert.equal(run.harnessFault, undefined);
    assert.equal(run.fault, undefined);
    assert.deepEqual(run.harnessRetries, ["the adapter replied, but 1500 ms after the harness's deadline (timeoutMs 10000 + slack): the machine was too slow for the time given"]);
  });

  it(`gives up after ${HARNESS_ATTEMPTS} registrations whose replies all came late, and says so`, async () => {
    assert.ok(pnp);
    const driver = driverFailing(emulator, 99, lateReply);
    const run = await runJudgeableRegistration({ emulator, driver, timeoutMs: 10_000 }, pnp, 'https', 'ga');
    assert.equal(driver.calls, HARNESS_ATTEMPTS);
    assert.match(run.harnessFault ?? '', /after the harness's deadline/);
  });

  it('judges a late reply where DPS never finishes: lateness is what device.timeout.givesUp judges', async () => {
    const never = deviceCases([], { transport: 'https', dialect: 'ga', endToEnd: false }).find((c) => c.kind === 'gives-up');
    assert.ok(never);
    const driver = driverFailing(emulator, 1, lateReply);
    const run = await runJudgeableRegistration({ emulator, driver, timeoutMs: 10_000 }, never, 'https', 'ga');
    assert.equal(driver.calls, 1);
    assert.equal(run.fault?.evidence.lateByMs, 1500);
  });

  it('waits longer past the deadline for the first register of an adapter process (its cold start) than for the next', () => {
    assert.equal(lateWindowMs(20_000, 1_000, true), 20_000);
    assert.equal(lateWindowMs(20_000, 1_000, false), 10_000);
    assert.equal(lateWindowMs(1_000, 1_000, false), 1_000);
  });

  it('does not make it again for a fault of the adapter itself (a first start, a crash, a register never answered)', async () => {
    assert.ok(pnp);
    const hung = (): AdapterFault => new AdapterFault('timeout', 'no register reply within 11000 ms (nor in the 10000 ms after)');
    for (const fault of [() => new AdapterFault('timeout', 'no start reply within 15000 ms'), () => new AdapterFault('crash', 'the adapter exited with status 1'), hung]) {
      const driver = driverFailing(emulator, 1, fault);
      const run = await runJudgeableRegistration({ emulator, driver, timeoutMs: 10_000 }, pnp, 'https', 'ga');
      assert.equal(driver.calls, 1);
      assert.equal(run.harnessRetries, undefined);
      assert.ok(run.fault);
    }
  });
});
