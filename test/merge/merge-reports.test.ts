import assert from 'node:assert/strict';
import { HarnessErrorCode, isHarnessError } from '../../src/errors/harness-error.js';
import { mergeReports } from '../../src/merge/merge-reports.js';
import { missingShards } from '../../src/merge/merge-run-info.js';
import type { LoadedReport } from '../../src/merge/read-report.js';
import type { CheckResult } from '../../src/results/check-result.js';
import type { RunInfo } from '../../src/results/run-info.js';
import { makeResult, makeRunInfo } from './report-fixtures.js';

function report(source: string, results: CheckResult[], info: Partial<RunInfo> = {}): LoadedReport {
  return { source, path: `${source}/ctrf.json`, results, runInfo: makeRunInfo(info) };
}

const sdk = { name: 'sdk', version: '1.0.0' };
const other = { name: 'other-sdk', version: '2.0.0' };

describe('mergeReports', () => {
  it('combines the shards of one run into one run without a shard', () => {
    const merged = mergeReports(
      [
        report('a', [makeResult({ caseId: 'one' })], { shard: '1/2', startedAt: '2025-01-02T00:00:02.000Z', finishedAt: '2025-01-02T00:01:00.000Z' }),
        report('b', [makeResult({ caseId: 'two' })], { shard: '2/2', startedAt: '2025-01-02T00:00:01.000Z', finishedAt: '2025-01-02T00:02:00.000Z' }),
      ],
      '9.9.9',
    );
    assert.deepEqual(merged.results.map((r) => r.caseId), ['one', 'two']);
    assert.equal(merged.runInfo.shard, undefined);
    assert.equal(merged.runInfo.startedAt, '2025-01-02T00:00:01.000Z');
    assert.equal(merged.runInfo.finishedAt, '2025-01-02T00:02:00.000Z');
    assert.equal(merged.runInfo.incomplete, undefined);
    assert.equal(merged.runInfo.command, 'device');
    assert.deepEqual(merged.duplicates, []);
  });

  it('combines runs of different implementations and commands, keeping both versions of one name apart', () => {
    const merged = mergeReports(
      [
        report('a', [makeResult({ implementation: sdk })]),
        report('b', [makeResult({ implementation: { name: 'sdk', version: '1.1.0' } })]),
        report('c', [makeResult({ implementation: other, transport: 'http' })], { command: 'webhook', tool: { name: 'dps-conformance', version: '0.0.1' } }),
      ],
      '9.9.9',
    );
    assert.equal(merged.results.length, 3);
    assert.deepEqual(merged.duplicates, []);
    assert.equal(merged.runInfo.command, 'merge');
    assert.equal(merged.runInfo.tool.version, '9.9.9');
  });

  it('refuses runs of different suite versions, listing which source has which', () => {
    assert.throws(
      () => mergeReports([report('dir-a', []), report('dir-b', [], { suiteVersion: 'sha256:suite-b' }), report('dir-c', [])], '1'),
      (e: unknown) =>
        isHarnessError(e) &&
        e.code === HarnessErrorCode.USAGE &&
        e.message.includes('sha256:suite-a: dir-a, dir-c') &&
        e.message.includes('sha256:suite-b: dir-b'),
    );
  });

  it('refuses the same report given twice', () => {
    assert.throws(() => mergeReports([report('a', []), report('a', [])], '1'), (e: unknown) => isHarnessError(e) && /given twice/.test(e.message));
  });

  it('keeps every copy of a duplicated key and flags it, conflicting when the outcomes differ', () => {
    const merged = mergeReports(
      [report('first', [makeResult({ outcome: 'failed' }), makeResult({ caseId: 'same' })]), report('rerun', [makeResult(), makeResult({ caseId: 'same' })])],
      '1',
    );
    assert.equal(merged.results.length, 4);
    assert.equal(merged.duplicates.length, 2);
    const conflict = merged.duplicates.find((d) => d.conflicting);
    assert.deepEqual(conflict?.occurrences, [
      { source: 'first', outcome: 'failed' },
      { source: 'rerun', outcome: 'passed' },
    ]);
    assert.match(conflict?.key ?? '', /^device\.returnData\.fidelity \[nested-object\] azure-iot-provisioning-device@1\.9\.1 https ga$/);
  });

  it('marks the merge incomplete when a shard is missing or an input was incomplete', () => {
    const merged = mergeReports(
      [report('a', [], { shard: '1/3' }), report('c', [], { shard: '3/3', incomplete: true, incompleteReason: 'SIGINT' })],
      '1',
    );
    assert.equal(merged.runInfo.incomplete, true);
    assert.equal(merged.runInfo.incompleteReason, 'c: SIGINT; shard 2/3 missing');
    assert.deepEqual(missingShards([report('x', [], { shard: '1/1' })]), []);
  });

  it('finds a missing shard of one implementation among the shards of others (a matrix of implementation x shard)', () => {
    const shard = (name: string, i: number): LoadedReport =>
      report(`${name}-${i}`, [makeResult({ implementation: { name, version: '1.0.0' } })], { command: 'run', shard: `${i}/2` });
    const reports = [shard('sdk', 1), shard('sdk', 2), shard('other-sdk', 1), shard('third-sdk', 2)];
    assert.deepEqual(missingShards(reports), ['2/2 of other-sdk', '1/2 of third-sdk']);
    assert.equal(mergeReports(reports, '1').runInfo.incompleteReason, 'shard 2/2 of other-sdk, 1/2 of third-sdk missing');
    assert.deepEqual(missingShards([shard('sdk', 1), shard('sdk', 2)]), [], 'every shard of the one run is there');
  });

  it('keeps a declaration all inputs agree on, and lists distinct ones', () => {
    const d1 = { implementation: sdk, dialects: ['ga'] };
    const d2 = { implementation: other, dialects: ['ga'] };
    assert.deepEqual(mergeReports([report('a', [], { declaration: d1 }), report('b', [], { declaration: { ...d1 } })], '1').runInfo.declaration, d1);
    assert.deepEqual(mergeReports([report('a', [], { declaration: d1 }), report('b', [], { declaration: d2 }), report('c', [])], '1').runInfo.declaration, [d1, d2]);
  });
});
