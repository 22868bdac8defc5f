import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { makeResult, makeRunInfo, tempDir, writeRun } from './report-fixtures.js';

const env = { GITHUB_STEP_SUMMARY: '', NO_COLOR: '1' };

describe('an incomplete merge fails the gate (a CI shard that died must not pass)', function () {
  this.timeout(60_000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('report merge with a shard missing exits 1, and 0 with --allow-incomplete', async () => {
    const a = await writeRun(t.dir, 'shard-1', [makeResult({ caseId: 'one' })], makeRunInfo({ shard: '1/2' }));
    const out = join(t.dir, 'merged');
    const run = await runCliInProcess(['report', 'merge', a, '--out', out], { env });
    assert.equal(run.status, 1, run.stderr + run.stdout);
    assert.match(run.stderr, /incomplete \(shard 2\/2 missing\).*--allow-incomplete/);
    const allowed = await runCliInProcess(['report', 'merge', a, '--out', join(t.dir, 'merged-2'), '--allow-incomplete'], { env });
    assert.equal(allowed.status, 0, allowed.stderr + allowed.stdout);
  });

  it('report diff on an incomplete run does not say OK and exits 1, unless --allow-incomplete', async () => {
    const base = await writeRun(t.dir, 'base', [makeResult({ caseId: 'one' }), makeResult({ caseId: 'two' })], makeRunInfo({ shard: '1/1' }));
    const a = await writeRun(t.dir, 'shard-1', [makeResult({ caseId: 'one' })], makeRunInfo({ shard: '1/2' }));
    const merged = join(t.dir, 'merged');
    await runCliInProcess(['report', 'merge', a, '--out', merged, '--allow-incomplete'], { env });
    const diff = await runCliInProcess(['report', 'diff', base, merged], { env });
    assert.equal(diff.status, 1, diff.stderr + diff.stdout);
    assert.doesNotMatch(diff.stdout, /^OK/m);
    assert.match(diff.stdout, /^INCOMPLETE: 0 new failures/m);
    const allowed = await runCliInProcess(['report', 'diff', base, merged, '--allow-incomplete'], { env });
    assert.equal(allowed.status, 0, allowed.stderr + allowed.stdout);
    assert.match(allowed.stdout, /^OK: 0 new failures/m);
  });
});
