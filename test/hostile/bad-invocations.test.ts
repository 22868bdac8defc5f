import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { writeReportSet } from '../../src/report/write-report-set.js';
import { mixedResults, runInfo } from '../reporters/sample-results.js';
import { cliPath, repoRoot } from '../helpers/run-cli.js';

interface InProcessRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** The CLI in this process (these runs only check exit status and messages): nothing reaches the test's own stdout. */
async function cli(args: readonly string[]): Promise<InProcessRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const status = await main(args, { stdout, stderr, signal: new AbortController().signal });
  return { status, stdout: out, stderr: err };
}

const referenceAdapter = `node ${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}`;

/**
 * A user's bad invocation is exit 2 with a message naming the cause, before any work starts: here the
 * adapter command would leave a marker file, so "before any work" is its absence, not a duration.
 */
describe('bad invocations: exit 2 at once, with the real cause', function () {
  this.timeout(60_000);
  let dir: string;
  let marker: string;
  let markedAdapter: string;
  let aFile: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpsc-bad-invocation-'));
    marker = join(dir, 'adapter-started');
    markedAdapter = `touch ${marker} && ${referenceAdapter}`;
    aFile = join(dir, 'a-file');
    writeFileSync(aFile, 'not a directory\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const assertNoWork = (run: InProcessRun): void => {
    assert.equal(run.status, 2, run.stderr);
    assert.equal(existsSync(marker), false, 'the adapter was started');
    assert.doesNotMatch(run.stderr, /internal error|please report|\n\s+at /);
  };

  describe('an option value that selects nothing', () => {
    it('device --case-ids with a typo: did you mean, and no adapter started', async () => {
      const run = await cli(['device', '--adapter', markedAdapter, '--case-ids', 'data-flatt', '--out', join(dir, 'out')]);
      assertNoWork(run);
      assert.match(run.stderr, /--case-ids: no device case "data-flatt"; did you mean "data-flat"\?/);
    });

    it('device --case-ids with a path: the list of device cases', async () => {
      const run = await cli(['device', '--adapter', markedAdapter, '--case-ids', '../../etc/passwd', '--out', join(dir, 'out')]);
      assertNoWork(run);
      assert.match(run.stderr, /no device case "\.\.\/\.\.\/etc\/passwd"\nthe device cases are: .*\bdata-flat\b.*\bdevice-retry-after\b/);
    });

    it('device --case-ids with one good and one mistyped id, or none at all', async () => {
      const one = await cli(['device', '--adapter', markedAdapter, '--case-ids', 'data-flat,pnp-modl-id', '--out', join(dir, 'out')]);
      assertNoWork(one);
      assert.match(one.stderr, /no device case "pnp-modl-id"; did you mean "pnp-model-id"\?/);
      const none = await cli(['device', '--adapter', markedAdapter, '--case-ids', ' , ', '--out', join(dir, 'out')]);
      assertNoWork(none);
      assert.match(none.stderr, /--case-ids names no case/);
    });

    it('device --case-ids naming a webhook-suite case (TPM is not emulated)', async () => {
      const run = await cli(['device', '--adapter', markedAdapter, '--case-ids', 'individual-tpm-initial', '--out', join(dir, 'out')]);
      assertNoWork(run);
      assert.match(run.stderr, /"individual-tpm-initial" is a case of the webhook suite only/);
    });

    it('device --case-ids whose case never runs in the dialect tested: exit 2 once the adapter has said what it claims', async () => {
      const run = await cli(['device', '--adapter', referenceAdapter, '--transport', 'https', '--dialect', 'ga', '--case-ids', 'data-top-string', '--out', join(dir, 'out')]);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /--case-ids selects no registration for this case in this run:\n {2}- data-top-string: ga device data/);
      assert.equal(existsSync(join(dir, 'out', 'ctrf.json')), false, 'a report of nothing was written');
    });

    it('run --implementations and targets install with a typo: did you mean', async () => {
      const run = await cli(['run', '--implementations', 'reference-devic', '--out', join(dir, 'out')]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--implementations: no bundled implementation "reference-devic"; did you mean "reference-device"\?/);
      const install = await cli(['targets', 'install', 'azure-iot-pyton-sdk']);
      assert.equal(install.status, 2);
      assert.match(install.stderr, /no bundled implementation "azure-iot-pyton-sdk"; did you mean "azure-iot-python-sdk"/);
    });

    it('--transport and --dialect outside their choices, on every command that takes them', async () => {
      const out = join(dir, 'out');
      for (const args of [
        ['device', '--adapter', markedAdapter, '--transport', 'mqttt', '--out', out],
        ['device', '--adapter', markedAdapter, '--dialect', 'gaa', '--out', out],
        ['run', '--dialect', 'al', '--out', out],
        ['webhook', '--url', 'http://127.0.0.1:9/api', '--dialect', 'previw', '--out', out],
        ['load', '--emulator', '--rate', '1', '--transport', 'amqpp', '--out', out],
        ['contracts', 'verify', '--url', 'http://127.0.0.1:9/api', '--dialect', 'gaa'],
      ]) {
        const run = await cli(args);
        assertNoWork(run);
        assert.match(run.stderr, /Allowed choices are|must be ga, preview or all/, `${args.join(' ')}: ${run.stderr}`);
      }
    });
  });

  describe('--out and input files, checked first', () => {
    it('--out naming a file: every command that writes a report says so and starts nothing', async () => {
      const reportDir = join(dir, 'a-report');
      await writeReportSet(reportDir, mixedResults(), runInfo, { stepSummary: false });
      for (const args of [
        ['device', '--adapter', markedAdapter, '--out', aFile],
        ['run', '--implementations', 'reference-device', '--out', aFile],
        ['webhook', '--url', 'http://127.0.0.1:9/api', '--out', aFile],
        ['emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', aFile],
        ['load', '--webhook', 'http://127.0.0.1:9/api', '--rate', '1', '--out', aFile],
        ['report', 'merge', reportDir, '--out', aFile],
        ['contracts', 'export', aFile],
      ]) {
        const run = await cli(args);
        assertNoWork(run);
        assert.match(run.stderr, /a-file: is a file, not a directory: EEXIST/, `${args[0] ?? ''}: ${run.stderr}`);
      }
    });

    it('--out under a file names the file (ENOTDIR); --out in /proc names the directory that takes no files', async () => {
      const under = await cli(['device', '--adapter', markedAdapter, '--out', join(aFile, 'reports', 'today')]);
      assertNoWork(under);
      assert.match(under.stderr, /--out .*a-file\/reports\/today: .*a-file is a file, not a directory: ENOTDIR/);
      // Node's own recursive mkdir spins for ever on a path under /proc: this must end, with the cause
      const proc = await cli(['device', '--adapter', markedAdapter, '--out', '/proc/self/reports']);
      assertNoWork(proc);
      assert.match(proc.stderr, /--out \/proc\/self\/reports: \/proc\/self does not accept new directories: ENOENT/);
    });

    it('input files: missing, or a directory', async () => {
      const missing = await cli(['device', '--adapter', markedAdapter, '--declare', join(dir, 'nope.json'), '--out', join(dir, 'out')]);
      assertNoWork(missing);
      assert.match(missing.stderr, /--declare .*nope\.json: does not exist: ENOENT/);
      const directory = await cli(['webhook', '--url', 'http://127.0.0.1:9/api', '--profile', dir, '--out', join(dir, 'out')]);
      assertNoWork(directory);
      assert.match(directory.stderr, /--profile .*: is not a file: EISDIR/);
      const config = await cli(['emulate', '--config', join(dir, 'none.json'), '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', join(dir, 'out')]);
      assert.equal(config.status, 2);
      assert.match(config.stderr, /--config .*none\.json: does not exist: ENOENT/);
      assert.equal(existsSync(join(dir, 'out')), false, 'emulate created its --out before finding the config missing');
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
});
