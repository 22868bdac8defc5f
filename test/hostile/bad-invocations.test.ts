import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReportSet } from '../../src/report/write-report-set.js';
import { mixedResults, runInfo } from '../reporters/sample-results.js';
import { repoRoot, type CliRun } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

/** The CLI in this process: these runs only check exit status and messages, and must start no process. */
const cli = (args: readonly string[]): Promise<CliRun> => runCliInProcess(args, { timeoutMs: 30_000 });

const referenceAdapter = `node ${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}`;

/**
 * A user's bad invocation is exit 2 with a message naming the cause, before any work starts: here the
 * adapter command would leave a marker file, so "before any work" is its absence, not a duration (and
 * as a unit test, starting any process at all would fail it). The cases that need a process (an
 * adapter that must say what it claims, a read-only mount) are in bad-invocations.integration.test.ts.
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

  const assertNoWork = (run: CliRun): void => {
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
  });
});
