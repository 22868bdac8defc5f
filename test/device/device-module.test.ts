import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  status: string;
  extra: { checkId: string; transport: string; outcome: string };
}

function ctrfTests(out: string): CtrfTest[] {
  return (ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;
}

/** `device --module FILE`: a Node implementation loaded in-process, its HTTPS routed to the emulator by msw. */
describe('device --module (in-process, msw)', function () {
  this.timeout(180_000);
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-module-'));
    dirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('passes the reference device, loaded in-process and told only the global DPS host', async () => {
    const out = tempDir();
    const module = join('dist', 'implementations', 'reference-device', 'in-process.js');
    const run = await runCliInProcess(['device', '--module', module, '--dialect', 'ga', '--case-ids', 'pnp-model-id,data-flat', '--out', out], {
      timeoutMs: 120_000,
      env: { GITHUB_STEP_SUMMARY: '' },
    });
    assert.equal(run.status, 0, run.stdout.slice(-2000) + run.stderr);
    const tests = ctrfTests(out);
    assert.ok(tests.some((t) => t.extra.checkId === 'device.returnData.fidelity' && t.extra.outcome === 'passed'));
    assert.deepEqual([...new Set(tests.map((t) => t.extra.transport))], ['https'], 'msw intercepts HTTPS only');
  });

  it('fails a module that loses the returned data with device.returnData.fidelity (exit 1)', async () => {
    const out = tempDir();
    const module = join('dist', 'test', 'fixtures', 'in-process', 'loses-return-data.js');
    const run = await runCliInProcess(['device', '--module', module, '--dialect', 'ga', '--case-ids', 'pnp-model-id', '--out', out], {
      timeoutMs: 120_000,
      env: { GITHUB_STEP_SUMMARY: '' },
    });
    assert.equal(run.status, 1, run.stdout.slice(-2000) + run.stderr);
    const failed = ctrfTests(out).filter((t) => t.extra.outcome === 'failed').map((t) => t.extra.checkId);
    assert.ok(failed.includes('device.returnData.fidelity'), `failed: ${failed.join(', ')}`);
    assert.ok(failed.every((id) => id.startsWith('device.returnData.')), `only returned-data checks fail: ${failed.join(', ')}`);
  });

  it('reports a module that cannot be loaded as errored adapter.start, refuses a missing one at once, and needs exactly one of --adapter and --module', async () => {
    const out = tempDir();
    const broken = join(tempDir(), 'throws-on-load.mjs');
    writeFileSync(broken, "throw new Error('this implementation does not load');\n");
    const run = await runCliInProcess(['device', '--module', broken, '--out', out], { timeoutMs: 60_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.deepEqual(ctrfTests(out).map((t) => [t.extra.checkId, t.extra.outcome]), [['adapter.start', 'errored']]);
    // a path that names nothing is the user's typo: exit 2 before any work, no report
    const missingOut = join(tempDir(), 'out');
    const missing = await runCliInProcess(['device', '--module', 'no-such-module.js', '--out', missingOut], { timeoutMs: 60_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(missing.status, 2, missing.stdout + missing.stderr);
    assert.match(missing.stderr, /--module no-such-module\.js: does not exist: ENOENT/);
    assert.equal(existsSync(join(missingOut, 'ctrf.json')), false);
    const both = await runCliInProcess(['device', '--module', 'x.js', '--adapter', 'node x.js', '--out', tempDir()], { timeoutMs: 30_000 });
    assert.equal(both.status, 2);
    assert.match(both.stderr, /exactly one of --adapter/);
    const neither = await runCliInProcess(['device', '--out', tempDir()], { timeoutMs: 30_000 });
    assert.equal(neither.status, 2);
  });
});
