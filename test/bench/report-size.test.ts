import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureReportSet, reportSizeRows } from '../../bench/report-size.js';
import { writeReportSet } from '../../src/report/write-report-set.js';
import { fakeRunInfo } from '../report-html/fake-results.js';
import { fiveImplementations } from '../report-html/five-implementations.js';

describe('bench: the report set measured, every result and piece of evidence read back', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-report-size-'));
    await writeReportSet(dir, fiveImplementations(), fakeRunInfo, { stepSummary: false });
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('finds every result, every piece of evidence once, and the pointers of junit.xml and report.html', async () => {
    const figures = await measureReportSet(dir);
    const results = fiveImplementations();
    assert.deepEqual(figures.unreachable, []);
    assert.equal(figures.results, results.length);
    assert.equal(figures.citing, results.filter((r) => r.evidence !== undefined).length);
    assert.ok(figures.evidencePieces > 1 && figures.evidencePieces < figures.citing, 'pieces cited by several results are stored once');
    assert.ok(figures.inlineBytes > figures.bytes['ctrf.json'] - 4000, 'the inline baseline holds every citation in full');
    assert.equal(figures.bytes['junit.xml'], Buffer.byteLength(await readFile(join(dir, 'junit.xml'), 'utf8')));
    assert.ok(figures.summaryOpensWithVerdicts);
    const rows = reportSizeRows(figures, 'five implementations');
    assert.deepEqual(rows.map((r) => r.met), [true, true, true, true]);
    assert.match(rows[0]?.note ?? '', /each stored once and found/);
  });

  it('says what cannot be reached: a piece gone from the store, a JUnit pointer to nothing, a test lost', async () => {
    const path = join(dir, 'ctrf.json');
    const ctrf = JSON.parse(await readFile(path, 'utf8')) as { results: { tests: unknown[]; extra: { evidence: Record<string, unknown> } } };
    const [first] = Object.keys(ctrf.results.extra.evidence);
    assert.ok(first);
    delete ctrf.results.extra.evidence[first];
    ctrf.results.tests.pop();
    await writeFile(path, JSON.stringify(ctrf));
    const figures = await measureReportSet(dir);
    assert.ok(figures.unreachable.some((p) => p.startsWith('ctrf.json does not read back: ctrf.json is not a valid file')), figures.unreachable.join('\n'));
    assert.ok(figures.unreachable.some((p) => /^\d+ results cite evidence that is not stored \(.*evidence e1/.test(p)), figures.unreachable.join('\n'));
    assert.ok(figures.unreachable.some((p) => p.includes('junit.xml points to 1 pieces not stored')), figures.unreachable.join('\n'));
    assert.ok(figures.unreachable.some((p) => /results counted, \d+ tests, \d+ read back/.test(p)), figures.unreachable.join('\n'));
    assert.ok(figures.unreachable.some((p) => p.startsWith('report.html links')), figures.unreachable.join('\n'));
    const rows = reportSizeRows(figures, 'broken');
    assert.ok(rows.slice(0, 3).every((r) => !r.met), 'a size within its target is not met when something is unreachable');
    assert.match(rows[0]?.note ?? '', /^.*NOT ALL REACHABLE/);
  });

  it('misses the summary row when summary.md does not open with the verdict per implementation', async () => {
    const path = join(dir, 'summary.md');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('## Verdict per implementation', '## Badges\n\n## Verdict per implementation'));
    const figures = await measureReportSet(dir);
    assert.equal(figures.summaryOpensWithVerdicts, false);
    assert.equal(reportSizeRows(figures, 'x')[3]?.met, false);
  });
});
