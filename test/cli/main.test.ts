import assert from 'node:assert/strict';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('the CLI', () => {
  it('prints help with every command and exits 0', async () => {
    const run = await runCliInProcess(['--help']);
    assert.equal(run.status, 0);
    for (const command of ['run', 'webhook', 'device', 'emulate', 'validate', 'contracts', 'report', 'verify-report']) {
      assert.match(run.stdout, new RegExp(`\\n  ${command}\\b`));
    }
  });

  it('answers an unknown command with a message and exit 2, no stack trace', async () => {
    const run = await runCliInProcess(['bogus']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /unknown command 'bogus'/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('answers a bad flag value with a message naming the option and exit 2', async () => {
    const run = await runCliInProcess(['emulate', '--https-port', 'abc']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--https-port takes a port number/);
  });

  it('names a missing required option', async () => {
    const run = await runCliInProcess(['webhook']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /required option '--url <url>'/);
  });
});
