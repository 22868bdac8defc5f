import assert from 'node:assert/strict';
import { AdapterFault } from '../../src/adapters/adapter-fault.js';
import type { DeviceDriver, StartReply } from '../../src/adapters/protocol-types.js';
import { startOnceMore } from '../../suites/device/start-once-more.js';

const claims: StartReply = { seq: 1, implementation: { name: 'scripted', version: '1' }, dialects: ['ga'], transports: ['https'], attestations: ['symmetricKey'] };

/** A driver whose successive starts end as listed (a fault, or the claims). */
function driverStarting(...outcomes: (AdapterFault | 'ok')[]): DeviceDriver & { starts: number } {
  const driver: DeviceDriver & { starts: number } = {
    starts: 0,
    exhausted: false,
    start() {
      const outcome = outcomes[driver.starts] ?? 'ok';
      driver.starts += 1;
      return outcome === 'ok' ? Promise.resolve(claims) : Promise.reject(outcome);
    },
    register: () => Promise.reject(new Error('not used')),
    stop: () => Promise.resolve(),
  };
  return driver;
}

const timeout = (ms: number): AdapterFault => new AdapterFault('timeout', `no start reply within ${ms} ms`);

describe('an adapter start slowed by load is tried once more', () => {
  it('starts again after a first start that ran out of time', async () => {
    const driver = driverStarting(timeout(15000));
    assert.equal((await startOnceMore(driver)).implementation.name, 'scripted');
    assert.equal(driver.starts, 2);
  });

  it('reports both when the second start runs out of time too (the adapter\'s fault: adapter.start)', async () => {
    const driver = driverStarting(timeout(15000), timeout(30000));
    await assert.rejects(startOnceMore(driver), (error: unknown) => error instanceof AdapterFault && error.kind === 'timeout' && /^twice: no start reply within 15000 ms, then no start reply within 30000 ms$/.test(error.message));
  });

  it('does not try again after a crash', async () => {
    const driver = driverStarting(new AdapterFault('crash', 'the adapter exited with status 1 before replying to start'));
    await assert.rejects(startOnceMore(driver), /exited with status 1/);
    assert.equal(driver.starts, 1);
  });
});
