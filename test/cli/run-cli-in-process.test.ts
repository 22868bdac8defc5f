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

  it('refuses a call with env that overlaps another call, instead of mixing their variables', async () => {
    const first = runCliInProcess(['--help']);
    await assert.rejects(runCliInProcess(['--help'], { env: { NO_COLOR: '1' } }), /overlaps another in-process call/);
    assert.equal((await first).status, 0);
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
