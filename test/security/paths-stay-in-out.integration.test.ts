import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { filesUnder } from './secret-scan.js';

/** A fresh tree `base/a/b/cwd` with `--out` inside it: anything written outside `out` shows up under base. */
function sandbox(): { base: string; cwd: string; out: string } {
  const base = mkdtempSync(join(tmpdir(), 'dpsc-paths-'));
  const cwd = join(base, 'a', 'b', 'cwd');
  mkdirSync(cwd, { recursive: true });
  return { base, cwd, out: join(cwd, 'out') };
}

function strays(box: { base: string; out: string }, inputs: readonly string[] = []): string[] {
  return filesUnder(box.base)
    .filter((path) => !path.startsWith(`${box.out}/`) && !inputs.includes(path))
    .map((path) => relative(box.base, path));
}

/** Case ids and implementation names come from users and implementations: none may steer a path. */
describe('security: case ids and implementation names cannot write outside --out', function () {
  this.timeout(120_000);
  let webhook: RunningWebhook;
  const boxes: string[] = [];
  before(async () => {
    webhook = await startReferenceWebhook({ port: 0 });
  });
  after(async () => {
    await webhook.close();
    for (const base of boxes) rmSync(base, { recursive: true, force: true });
  });

  it('a user case id "../../evil" is rejected by the schema (exit 2), and nothing is written', async () => {
    const box = sandbox();
    boxes.push(box.base);
    const cases = join(box.cwd, 'cases.json');
    writeFileSync(cases, JSON.stringify({ version: 1, cases: [{ id: '../../evil', expect: { iotHubHostName: 'dpsc-hub-1.azure-devices.net' } }] }));
    const run = await runCliInProcess(['webhook', '--url', webhook.url, '--cases', cases, '--out', box.out], { cwd: box.cwd, timeoutMs: 60_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /id|pattern/i);
    assert.deepEqual(strays(box, [cases]), []);
  });

  it('a case id that is a path step (".." is allowed by the pattern) only ever appears inside the reports', async () => {
    const box = sandbox();
    boxes.push(box.base);
    const cases = join(box.cwd, 'cases.json');
    writeFileSync(cases, JSON.stringify({ version: 1, cases: [{ id: '..', expect: {} }, { id: '.', expect: {} }] }));
    const run = await runCliInProcess(['webhook', '--url', webhook.url, '--cases', cases, '--timeout', '3000', '--out', box.out], { cwd: box.cwd, timeoutMs: 60_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    assert.deepEqual(strays(box, [cases]), []);
  });

  it('an adapter that names itself "../../x" (version "../../../y") writes nothing outside --out', async () => {
    const box = sandbox();
    boxes.push(box.base);
    const adapter = `node ${join(repoRoot, 'dist', 'test', 'fixtures', 'hostile', 'hostile-adapter.js')} evil-name`;
    const run = await runCliInProcess(['device', '--adapter', adapter, '--transport', 'https', '--dialect', 'ga', '--timeout', '5000', '--out', box.out], { cwd: box.cwd, timeoutMs: 100_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(run.status, 0, run.stderr.slice(0, 1000));
    assert.match(run.stdout, /\.\.\/\.\.\/x/, 'the name is reported as text');
    assert.deepEqual(strays(box), []);
  });
});
