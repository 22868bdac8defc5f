import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NAIVE_MODES, type NaiveMode } from '../fixtures/adapters/naive-device-modes.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  status: string;
  message?: string;
  extra: { checkId: string; level: string; outcome: string; caseId: string };
}

const node = `"${process.execPath}"`;
const fixture = (name: string, mode: string): string => `${node} "${join(repoRoot, 'dist', 'test', 'fixtures', 'adapters', `${name}.js`)}" ${mode}`;

function readCtrf(dir: string): CtrfTest[] {
  return (ctrfView(readFileSync(join(dir, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;
}

function outcomeOf(tests: readonly CtrfTest[], checkId: string): string[] {
  return tests.filter((t) => t.extra.checkId === checkId).map((t) => t.extra.outcome);
}

/** Items 7 and 8 of the device verdicts: big integers sent as doubles, and a device without a deadline of its own. */
describe('device verdicts for naive implementations (built CLI)', function () {
  this.timeout(120_000);
  let outRoot: string;
  before(() => {
    outRoot = mkdtempSync(join(tmpdir(), 'dpsc-verdicts-'));
  });
  after(() => rmSync(outRoot, { recursive: true, force: true }));

  const run = async (adapter: string, cases: string, name: string): Promise<{ status: number | null; stderr: string; tests: CtrfTest[] }> => {
    const out = join(outRoot, name);
    const args = ['device', '--adapter', adapter, '--transport', 'https', '--dialect', 'ga', '--timeout', '3000', '--case-ids', cases, '--out', out, '--reporter', 'quiet'];
    const result = await runCliInProcess(args, { timeoutMs: 100_000 });
    return { status: result.status, stderr: result.stderr, tests: readCtrf(out) };
  };

  for (const mode of Object.keys(NAIVE_MODES) as NaiveMode[]) {
    const { fails, passes, cases } = NAIVE_MODES[mode];
    it(`${mode}: passes every MUST (${passes} included) and ${fails === undefined ? 'every SHOULD' : `fails only the SHOULD ${fails}`}`, async () => {
      const { status, stderr, tests } = await run(fixture('naive-device', mode), cases, mode);
      const blocking = tests.filter((t) => t.extra.level === 'MUST' && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored'));
      assert.deepEqual(blocking.map((t) => `${t.extra.checkId}: ${t.message ?? ''}`), [], stderr.slice(-1500));
      assert.equal(status, 0);
      assert.ok(outcomeOf(tests, passes).length > 0);
      assert.ok(outcomeOf(tests, passes).every((o) => o === 'passed'));
      if (fails !== undefined) assert.deepEqual(outcomeOf(tests, fails), ['failed']);
      const failedShould = tests.filter((t) => t.extra.outcome === 'failed').map((t) => `${t.extra.checkId}: ${t.message ?? ''}`);
      assert.ok(failedShould.every((line) => line.startsWith(`${fails}:`) || line.startsWith('device.returnData.bigIntegers:')), failedShould.join('\n'));
    });
  }

  it('a device that drops the data still fails the MUST device.data.sent on the integers-beyond-2^53 case', async () => {
    const { status, tests } = await run(fixture('broken-device', 'drops-data'), 'numbers-beyond-2-53', 'drops-data-big');
    assert.equal(status, 1);
    assert.deepEqual(outcomeOf(tests, 'device.data.sent'), ['failed']);
  });

  it('the reference device keeps every digit: device.data.bigIntegers passes', async () => {
    const reference = `${node} "${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}"`;
    const { status, tests } = await run(reference, 'numbers-beyond-2-53', 'reference-big');
    assert.equal(status, 0);
    assert.deepEqual(outcomeOf(tests, 'device.data.bigIntegers'), ['passed']);
  });
});
