import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const referenceAdapter = `node ${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}`;

/** The bad invocations that need a process: an adapter that must first say what it claims, a read-only mount (bad-invocations.test.ts has the rest). */
describe('bad invocations that need a process: exit 2 with the real cause', function () {
  this.timeout(60_000);
  let dir: string;
  let marker: string;
  let markedAdapter: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpsc-bad-invocation-'));
    marker = join(dir, 'adapter-started');
    markedAdapter = `touch ${marker} && ${referenceAdapter}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('device --case-ids whose case never runs in the dialect tested: exit 2 once the adapter has said what it claims', async () => {
    const run = await runCliInProcess(['device', '--adapter', referenceAdapter, '--transport', 'https', '--dialect', 'ga', '--case-ids', 'data-top-string', '--out', join(dir, 'out')]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /--case-ids selects no registration for this case in this run:\n {2}- data-top-string: ga device data/);
    assert.equal(existsSync(join(dir, 'out', 'ctrf.json')), false, 'a report of nothing was written');
  });

  it('--out in a read-only directory: exit 2 with EROFS (or EACCES), before the adapter starts', function () {
    const readOnly = join(dir, 'read-only');
    mkdirSync(readOnly);
    const args = ['device', '--adapter', markedAdapter, '--out', join(readOnly, 'reports')];
    let run: ReturnType<typeof spawnSync>;
    let cause: RegExp;
    if (process.getuid?.() !== 0) {
      chmodSync(readOnly, 0o555);
      run = spawnSync(process.execPath, [cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
      cause = /cannot create .*read-only\/reports: EACCES \(permission denied\)/;
    } else {
      // root writes through permission bits: a read-only mount in a mount namespace of the CLI's own
      const probe = spawnSync('unshare', ['-rm', 'true'], { encoding: 'utf8' });
      if (probe.status !== 0) this.skip();
      const script = 'mount -t tmpfs -o ro tmpfs "$0" && exec "$@"';
      run = spawnSync('unshare', ['-rm', 'sh', '-c', script, readOnly, process.execPath, cliPath, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 });
      cause = /cannot create .*read-only\/reports: EROFS \(read-only file system\)/;
    }
    assert.equal(run.status, 2, String(run.stderr));
    assert.match(String(run.stderr), cause);
    assert.doesNotMatch(String(run.stderr), /internal error|please report/);
    assert.equal(existsSync(marker), false, 'the adapter was started');
    assert.deepEqual(readdirSync(readOnly), []);
  });
});
