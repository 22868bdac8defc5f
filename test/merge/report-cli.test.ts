import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { makeResult, makeRunInfo, tempDir, writeRun } from './report-fixtures.js';

const env = { GITHUB_STEP_SUMMARY: '', NO_COLOR: '1' };

describe('report merge and report diff (built CLI)', function () {
  this.timeout(60_000);
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('merges two shards into the full report set and exits 0 when nothing blocks', async () => {
    const a = await writeRun(t.dir, 'shard-1', [makeResult({ caseId: 'one' })], makeRunInfo({ shard: '1/2' }));
    const b = await writeRun(t.dir, 'shard-2', [makeResult({ caseId: 'two', level: 'SHOULD', outcome: 'failed' })], makeRunInfo({ shard: '2/2' }));
    const out = join(t.dir, 'merged');
    const run = await runCliInProcess(['report', 'merge', a, b, '--out', out], { env });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    for (const file of ['ctrf.json', 'junit.xml', 'summary.md']) assert.ok(existsSync(join(out, file)), file);
    const merged = parseCtrf(readFileSync(join(out, 'ctrf.json'), 'utf8'));
    assert.deepEqual(merged.results.map((r) => r.caseId), ['one', 'two']);
    assert.match(run.stdout, /merged 2 reports/);
    assert.match(run.stdout, /azure-iot-provisioning-device@1\.9\.1\s+https\s+ga\s+1\s+1\s+0\s+0/);
  });

  it('merges the report directories inside a directory that has no ctrf.json (download-artifact\'s layout)', async () => {
    const artifacts = join(t.dir, 'reports');
    await writeRun(artifacts, 'report-b', [makeResult({ caseId: 'two' })], makeRunInfo({ shard: '2/2' }));
    await writeRun(artifacts, 'report-a', [makeResult({ caseId: 'one' })], makeRunInfo({ shard: '1/2' }));
    const out = join(t.dir, 'merged');
    const run = await runCliInProcess(['report', 'merge', artifacts, '--out', out], { env });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.match(run.stdout, /merged 2 reports/);
    assert.deepEqual(parseCtrf(readFileSync(join(out, 'ctrf.json'), 'utf8')).results.map((r) => r.caseId), ['one', 'two']);
    // a job that uploaded its directory without a report (it broke first) is missing results: incomplete, exit 1
    mkdirSync(join(artifacts, 'report-c'));
    const broken = await runCliInProcess(['report', 'merge', artifacts, '--out', join(t.dir, 'merged-2')], { env });
    assert.equal(broken.status, 1, broken.stderr + broken.stdout);
    assert.ok(broken.stderr.includes(`incomplete (${join(artifacts, 'report-c')}: no ctrf.json)`), broken.stderr);
    assert.equal(parseCtrf(readFileSync(join(t.dir, 'merged-2', 'ctrf.json'), 'utf8')).runInfo.incomplete, true);
  });

  it('exits 2 for a ctrf.json that does not match its schemas, naming the file, the JSON Pointer and what was expected, and writes nothing', async () => {
    const good = await writeRun(t.dir, 'good', [makeResult()]);
    // failed: a passed test may leave its tags out (layout 4), a failed one always has them
    const bad = await writeRun(t.dir, 'bad', [makeResult({ caseId: 'two', outcome: 'failed', message: 'no' })]);
    const path = join(bad, 'ctrf.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"tags":["MUST"]', '"tags":["MAY"]').replace('"pending": 0', '"pending": "none"'));
    for (const args of [['report', 'merge', good, bad, '--out', join(t.dir, 'm')], ['report', 'diff', good, bad]]) {
      const run = await runCliInProcess(args, { env });
      assert.equal(run.status, 2, run.stderr + run.stdout);
      assert.ok(run.stderr.includes(`${path} is not a valid file of its kind`), run.stderr);
      assert.match(run.stderr, /\/results\/summary\/pending: expected integer, got the string "none" \(CTRF schema\)/);
      assert.match(run.stderr, /\/results\/tests\/0\/tags\/0: expected one of \["MUST","SHOULD"\], got the string "MAY" \(dps-conformance layout \d\)/);
    }
    assert.ok(!existsSync(join(t.dir, 'm')));
  });

  it('exits 1 when a merged result blocks', async () => {
    const a = await writeRun(t.dir, 'a', [makeResult({ outcome: 'errored', message: 'hung' })]);
    const run = await runCliInProcess(['report', 'merge', a, '--out', join(t.dir, 'm')], { env });
    assert.equal(run.status, 1, run.stderr + run.stdout);
    assert.match(run.stdout, /FAIL: 1 blocking/);
  });

  it('exits 2 for different suite versions, naming the directories of each', async () => {
    const a = await writeRun(t.dir, 'old', [makeResult()], makeRunInfo({ suiteVersion: 'sha256:old' }));
    const b = await writeRun(t.dir, 'new', [makeResult()], makeRunInfo({ suiteVersion: 'sha256:new' }));
    const run = await runCliInProcess(['report', 'merge', a, b, '--out', join(t.dir, 'm')], { env });
    assert.equal(run.status, 2, run.stderr + run.stdout);
    assert.match(run.stderr, /different suite versions/);
    assert.ok(run.stderr.includes(`sha256:old: ${a}`) && run.stderr.includes(`sha256:new: ${b}`), run.stderr);
    assert.ok(!existsSync(join(t.dir, 'm')));
  });

  it('exits 2 naming a missing or corrupt ctrf.json', async () => {
    mkdirSync(join(t.dir, 'empty'));
    const a = await writeRun(t.dir, 'a', [makeResult()]);
    const missing = await runCliInProcess(['report', 'merge', a, join(t.dir, 'empty'), '--out', join(t.dir, 'm')], { env });
    assert.equal(missing.status, 2, missing.stderr + missing.stdout);
    assert.ok(missing.stderr.includes(join(t.dir, 'empty', 'ctrf.json')), missing.stderr);
    writeFileSync(join(a, 'ctrf.json'), '{"reportFormat": "CTRF", ');
    const corrupt = await runCliInProcess(['report', 'diff', a, a], { env });
    assert.equal(corrupt.status, 2, corrupt.stderr + corrupt.stdout);
    assert.match(corrupt.stderr, /ctrf\.json is not valid JSON at line 1/);
  });

  it('diff exits 1 on a new blocking failure and 0 when there is none', async () => {
    const base = await writeRun(t.dir, 'base', [makeResult({ caseId: 'a' }), makeResult({ caseId: 'b', outcome: 'failed', message: 'bad' })]);
    const worse = await writeRun(t.dir, 'worse', [makeResult({ caseId: 'a', outcome: 'failed', message: 'payload lost' }), makeResult({ caseId: 'b' })]);
    const better = await writeRun(t.dir, 'better', [makeResult({ caseId: 'a' }), makeResult({ caseId: 'b' })]);
    const regressed = await runCliInProcess(['report', 'diff', base, join(worse, 'ctrf.json')], { env });
    assert.equal(regressed.status, 1, regressed.stderr + regressed.stdout);
    assert.match(regressed.stdout, /NEW FAILURES \(1\):\n {2}device\.returnData\.fidelity \[a\] azure-iot-provisioning-device https ga: was passed, now failed: payload lost/);
    assert.match(regressed.stdout, /fixed \(1\):/);
    const improved = await runCliInProcess(['report', 'diff', base, better], { env });
    assert.equal(improved.status, 0, improved.stderr + improved.stdout);
    assert.match(improved.stdout, /OK: 0 new failures \(0 blocking\), 0 still failing, 1 fixed/);
  });

  it('diff with no baseline yet says how to make one (exit 2), and passes with --allow-missing-baseline', async () => {
    const current = await writeRun(t.dir, 'current', [makeResult({ outcome: 'failed', message: 'payload lost' })]);
    const baseline = join(t.dir, 'conformance', 'baseline', 'ctrf.json');
    const first = await runCliInProcess(['report', 'diff', baseline, current], { env });
    assert.equal(first.status, 2, first.stderr + first.stdout);
    assert.ok(first.stderr.includes(`no baseline at ${baseline} yet`), first.stderr);
    assert.ok(first.stderr.includes(`copy ${join(current, 'ctrf.json')} to ${baseline}`), first.stderr);
    assert.match(first.stderr, /--allow-missing-baseline/);
    const allowed = await runCliInProcess(['report', 'diff', baseline, current, '--allow-missing-baseline'], { env });
    assert.equal(allowed.status, 0, allowed.stderr + allowed.stdout);
    assert.match(allowed.stdout, /OK: no baseline yet \(--allow-missing-baseline\): nothing to compare, nothing fails\n$/);
    const noCurrent = await runCliInProcess(['report', 'diff', baseline, join(t.dir, 'nope'), '--allow-missing-baseline'], { env });
    assert.equal(noCurrent.status, 2, 'the current run must still be readable');
    assert.ok(noCurrent.stderr.includes(join(t.dir, 'nope')), noCurrent.stderr);
  });

  it('diff exits 2 when an input cannot be read', async () => {
    const base = await writeRun(t.dir, 'base', [makeResult()]);
    const run = await runCliInProcess(['report', 'diff', base, join(t.dir, 'nope')], { env });
    assert.equal(run.status, 2, run.stderr + run.stdout);
    assert.ok(run.stderr.includes(join(t.dir, 'nope')), run.stderr);
  });
});
