import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { runBounded } from '../../src/cli/commands/run/run-bounded.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('run --concurrency (one adapter per implementation and transport, a bounded number at once)', () => {
  it('runs at most the limit at once, starts the tasks in the order given, and waits for all (a rejection included)', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const tasks = [30, 5, 20, 5, 10, 5].map((ms, i) => async () => {
      started.push(i);
      running += 1;
      peak = Math.max(peak, running);
      await sleep(ms);
      running -= 1;
      if (i === 1) throw new Error('a task that fails does not stop the others');
    });
    await runBounded(tasks, 2);
    assert.equal(peak, 2);
    assert.equal(running, 0);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5]);
  });

  it('answers --concurrency 0 with a message naming the option and exit 2', async () => {
    const run = await runCliInProcess(['run', '--concurrency', '0', '--out', '/nonexistent-dpsc-out']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--concurrency takes a positive whole number, got "0"/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });
});
