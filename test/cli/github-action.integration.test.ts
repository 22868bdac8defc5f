import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readActionInputs } from '../../src/cli/action/action-inputs.js';
import { runAction } from '../../src/cli/action/run-action.js';
import { writeReportSet } from '../../src/report/write-report-set.js';
import { countOutcomes } from '../../src/results/summarise-results.js';
import { fakeRunInfo } from '../report-html/fake-results.js';
import { fiveImplementations } from '../report-html/five-implementations.js';

/** `name=value` lines of a GITHUB_OUTPUT file, as Actions reads them (no multi-line values here). */
function parseOutputs(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

describe('the GitHub Action script (action.yml), with the files Actions gives a step', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-action-'));
    await writeFile(join(dir, 'output.txt'), '');
    await writeFile(join(dir, 'summary.md'), 'an earlier step\n');
    // what the runner sets for a step, plus the inputs action.yml passes
    env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_ACTIONS: 'true', CI: 'true', GITHUB_OUTPUT: join(dir, 'output.txt'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads inputs as Actions names them, one argument per line', () => {
    const inputs = readActionInputs({ INPUT_COMMAND: 'report merge', INPUT_ARGS: 'a b/\n\n  c/ \n', 'INPUT_FAIL-ON-FAILURE': 'false' });
    assert.deepEqual(inputs, { command: ['report', 'merge'], args: ['a b/', 'c/'], out: 'conformance-report', failOnFailure: false });
    assert.equal(readActionInputs({ INPUT_FAIL_ON_FAILURE: 'true' }).failOnFailure, true);
    assert.deepEqual(readActionInputs({}).command, ['run']);
  });

  it('runs the harness, sets verdict and counts as outputs, writes summary.md once to the job summary', async () => {
    const shard = join(dir, 'shard-1');
    const results = fiveImplementations();
    await writeReportSet(shard, results, fakeRunInfo, { stepSummary: false });
    const run = runAction({ ...env, INPUT_COMMAND: 'report merge', INPUT_ARGS: shard, INPUT_OUT: 'merged' }, dir);
    assert.equal(run.exitCode, 1, 'a MUST failed: the step fails');
    const outputs = parseOutputs(await readFile(join(dir, 'output.txt'), 'utf8'));
    const counts = countOutcomes(results);
    assert.deepEqual(outputs, {
      verdict: 'fail', 'exit-code': '1', 'report-dir': join(dir, 'merged'), total: String(counts.total), passed: String(counts.passed),
      failed: String(counts.failed), errored: String(counts.errored), skipped: String(counts.skipped), blocking: String(counts.blocking),
      'report-html': join(dir, 'merged', 'report.html'),
    });
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    assert.match(summary, /^an earlier step\n# dps-conformance \w+: ❌ FAIL\n/);
    assert.equal(summary.split('\n# dps-conformance ').length, 2, 'written once, not also by the harness');
  });

  it('with fail-on-failure false, succeeds and still says fail', async () => {
    const shard = join(dir, 'shard-1');
    await writeReportSet(shard, fiveImplementations(), fakeRunInfo, { stepSummary: false });
    const run = runAction({ ...env, INPUT_COMMAND: 'report merge', INPUT_ARGS: shard, INPUT_OUT: 'merged', INPUT_FAIL_ON_FAILURE: 'false' }, dir);
    assert.equal(run.exitCode, 0);
    assert.equal(run.outputs.verdict, 'fail');
  });

  it('says error, with the harness message, when the harness exits 2', async () => {
    const run = runAction({ ...env, INPUT_COMMAND: 'report merge', INPUT_ARGS: join(dir, 'no-such-dir'), INPUT_OUT: 'merged' }, dir);
    assert.equal(run.exitCode, 2);
    const outputs = parseOutputs(await readFile(join(dir, 'output.txt'), 'utf8'));
    assert.equal(outputs.verdict, 'error');
    assert.equal(outputs.total, undefined, 'no counts without a report');
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    assert.match(summary, /# dps-conformance report merge: error \(exit 2\)/);
    assert.match(summary, /no-such-dir/);
  });
});
