import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HarnessErrorCode, isHarnessError } from '../../src/errors/harness-error.js';
import { readReport } from '../../src/merge/read-report.js';
import { makeResult, makeRunInfo, tempDir, writeRun } from './report-fixtures.js';

describe('readReport', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  it('reads ctrf.json from a report directory or from the file itself, losslessly', async () => {
    const results = [makeResult(), makeResult({ outcome: 'failed', message: 'lost', waived: { reason: 'r', expires: '2099-01-01' } })];
    const dir = await writeRun(t.dir, 'run', results, makeRunInfo({ shard: '1/2' }));
    const fromDir = readReport(dir);
    assert.deepEqual(fromDir.results, results);
    assert.equal(fromDir.runInfo.shard, '1/2');
    assert.equal(fromDir.path, join(dir, 'ctrf.json'));
    assert.deepEqual(readReport(join(dir, 'ctrf.json')).results, results);
  });

  it('keeps an integer beyond 2^53 in evidence digit for digit (a merge does not round it)', async () => {
    const results = [makeResult({ outcome: 'failed', evidence: { returnData: { next: 9007199254740993n, ids: [-18446744073709551615n, 1] } } })];
    const dir = await writeRun(t.dir, 'run', results, makeRunInfo());
    assert.deepEqual(readReport(dir).results[0]?.evidence, { returnData: { next: 9007199254740993n, ids: [-18446744073709551615n, 1] } });
  });

  it('names the missing file (exit 2)', () => {
    mkdirSync(join(t.dir, 'empty'));
    assert.throws(
      () => readReport(join(t.dir, 'empty')),
      (e: unknown) => isHarnessError(e) && e.code === HarnessErrorCode.UNREADABLE_FILE && e.message.includes(join(t.dir, 'empty', 'ctrf.json')),
    );
  });

  it('names the file and the line and column of broken JSON', () => {
    const path = join(t.dir, 'ctrf.json');
    writeFileSync(path, '{\n  "reportFormat": "CTRF",\n  oops\n}');
    assert.throws(() => readReport(path), (e: unknown) => isHarnessError(e) && e.code === HarnessErrorCode.NOT_JSON && /line 3, column 3/.test(e.message) && e.message.includes(path));
  });

  it('refuses a JSON file that is not a dps-conformance CTRF report, naming it', () => {
    const path = join(t.dir, 'other.json');
    writeFileSync(path, '{"reportFormat":"CTRF","results":{"tests":[{"name":"x","status":"passed"}]}}');
    assert.throws(() => readReport(path), (e: unknown) => isHarnessError(e) && e.code === HarnessErrorCode.INVALID_CONFIG && e.message.includes(path));
  });
});
