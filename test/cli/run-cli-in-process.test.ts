import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('runCliInProcess (the CLI entry called in the test process)', () => {
  it('answers as the process would: exit status, stdout and stderr apart', async () => {
    const help = await runCliInProcess(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: dps-conformance/);
    assert.equal(help.stderr, '');
    assert.equal(help.signal, null);
    const bogus = await runCliInProcess(['bogus']);
    assert.equal(bogus.status, 2);
    assert.equal(bogus.stdout, '');
    assert.match(bogus.stderr, /unknown command 'bogus'/);
  });

  it('sets env and cwd for the call only, and restores them', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'dpsc-in-process-')));
    const before = { cwd: process.cwd(), cache: process.env['DPSC_CACHE_DIR'] };
    try {
      const run = await runCliInProcess(['targets', 'list'], { env: { DPSC_CACHE_DIR: join(dir, 'cache') }, cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, new RegExp(`cache: ${join(dir, 'cache')}`));
      assert.equal(process.cwd(), before.cwd);
      assert.equal(process.env['DPSC_CACHE_DIR'], before.cache);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a call with env alone: no call in flight beside it sees its variables', async () => {
    const seen: string[] = [];
    const plain = runCliInProcess(['targets', 'list']).then((run) => seen.push(`plain ${run.stdout.includes('cache: /dpsc-alone') ? 'saw' : 'did not see'} the env`));
    const withEnv = runCliInProcess(['targets', 'list'], { env: { DPSC_CACHE_DIR: '/dpsc-alone' } }).then((run) => seen.push(`env ${run.stdout.includes('cache: /dpsc-alone') ? 'saw' : 'did not see'} the env`));
    const after = runCliInProcess(['targets', 'list']).then((run) => seen.push(`after ${run.stdout.includes('cache: /dpsc-alone') ? 'saw' : 'did not see'} the env`));
    await Promise.all([plain, withEnv, after]);
    assert.deepEqual(seen.sort(), ['after did not see the env', 'env saw the env', 'plain did not see the env']);
  });

  it('interrupts a call its test left running (the root hook), and restores its env', async () => {
    const { interruptCallsInFlight } = await import('../helpers/run-cli-in-process.js');
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-in-process-'));
    try {
      const left = runCliInProcess(['emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', dir], { env: { DPSC_LEFT_RUNNING: 'yes' } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal(process.env['DPSC_LEFT_RUNNING'], 'yes');
      assert.deepEqual(await interruptCallsInFlight(), [`dps-conformance emulate --https-port 0 --mqtt-port 0 --amqp-port 0 --out ${dir}`]);
      assert.equal(process.env['DPSC_LEFT_RUNNING'], undefined);
      assert.equal((await left).signal, null, 'ended by the interruption, not by its own time limit');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('interrupts a command that runs past timeoutMs, as Ctrl-C would, and reports it killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-in-process-'));
    try {
      const run = await runCliInProcess(['emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', dir], { timeoutMs: 1500 });
      assert.equal(run.status, null);
      assert.equal(run.signal, 'SIGKILL');
      assert.match(run.stderr, /interrupted after 1500 ms/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
