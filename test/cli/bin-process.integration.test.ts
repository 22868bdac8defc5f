import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot, runCli } from '../helpers/run-cli.js';

/**
 * What only the program as a user starts it shows: bin/dps-conformance.js on the built output, its
 * exit code, standard input. The other CLI tests call the same entry in-process (runCliInProcess).
 */
describe('bin/dps-conformance.js (the built CLI as a process)', function () {
  this.timeout(60_000);

  it('prints help and exits 0; an unknown command exits 2 with a message and no stack trace', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: dps-conformance/);
    const bogus = await runCli(['bogus']);
    assert.equal(bogus.status, 2);
    assert.match(bogus.stderr, /unknown command 'bogus'/);
    assert.doesNotMatch(bogus.stderr, /\n\s+at /);
  });

  it('runs the same CLI when Node starts dist/src/cli/main.js itself (it used to exit 0 and print nothing)', async () => {
    const script = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
    const help = await runCli(['--help'], { script });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /Usage: dps-conformance/);
    const bogus = await runCli(['bogus'], { script });
    assert.equal(bogus.status, 2);
    assert.match(bogus.stderr, /unknown command 'bogus'/);
    const withoutExtension = await runCli(['--version'], { script: script.replace(/\.js$/, '') });
    assert.equal(withoutExtension.status, 0, withoutExtension.stderr);
    assert.match(withoutExtension.stdout, /^\d+\.\d+\.\d+/);
  });

  it('validate reads standard input with "-" (exit 0 when valid, 1 when not)', async () => {
    const valid = await runCli(['validate', 'adapter/stop-reply', '-'], { input: '{"seq":3,"stopped":true}' });
    assert.equal(valid.status, 0, valid.stderr);
    const invalid = await runCli(['validate', 'adapter/stop-reply', '-'], { input: '{"seq":"three"}' });
    assert.equal(invalid.status, 1, invalid.stderr);
  });
});
