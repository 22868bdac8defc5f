import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReportSet } from '../../src/report/write-report-set.js';
import { REPORT_FILES } from '../../src/report/format/report-files.js';
import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import { formatCtrf } from '../../src/report/format/format-ctrf.js';
import { isHarnessError } from '../../src/errors/harness-error.js';
import { mixedResults, runInfo } from '../reporters/sample-results.js';

describe('writeReportSet', () => {
  let dir: string;
  const savedEnv = process.env.GITHUB_STEP_SUMMARY;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-report-set-'));
    delete process.env.GITHUB_STEP_SUMMARY;
  });
  afterEach(async () => {
    if (savedEnv === undefined) delete process.env.GITHUB_STEP_SUMMARY;
    else process.env.GITHUB_STEP_SUMMARY = savedEnv;
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same files from results parsed back out of ctrf.json (what report merge does)', async () => {
    const first = join(dir, 'first');
    await writeReportSet(first, mixedResults(), runInfo);
    const parsed = parseCtrf(await readFile(join(first, 'ctrf.json'), 'utf8'));
    const second = join(dir, 'second');
    const written = await writeReportSet(second, parsed.results, parsed.runInfo);
    assert.deepEqual(written.paths.slice(0, 4), ['ctrf.json', 'junit.xml', 'summary.md', 'report.html'].map((name) => join(second, name)));
    assert.ok(written.paths.slice(4).every((path) => path.startsWith(join(second, 'badges'))), 'then the badges');
    const files = [...(await readdir(first)).filter((name) => name !== 'badges'), ...(await readdir(join(first, 'badges'))).map((name) => join('badges', name))];
    for (const name of files) {
      assert.equal(await readFile(join(second, name), 'utf8'), await readFile(join(first, name), 'utf8'), name);
    }
    assert.deepEqual(JSON.parse(await readFile(join(second, 'ctrf.json'), 'utf8')), JSON.parse(JSON.stringify(formatCtrf(mixedResults(), runInfo))));
  });

  it('appends summary.md to $GITHUB_STEP_SUMMARY when it is set', async () => {
    const stepSummary = join(dir, 'step-summary.md');
    await writeFile(stepSummary, 'earlier step\n');
    process.env.GITHUB_STEP_SUMMARY = stepSummary;
    const written = await writeReportSet(join(dir, 'out'), mixedResults(), runInfo);
    assert.equal(written.stepSummary, stepSummary);
    const text = await readFile(stepSummary, 'utf8');
    assert.ok(text.startsWith('earlier step\n# dps-conformance device'));
    const none = await writeReportSet(join(dir, 'out2'), mixedResults(), runInfo, { stepSummary: false });
    assert.equal(none.stepSummary, undefined);
  });

  it('turns a directory it cannot write into a harness error naming it', async () => {
    const blocker = join(dir, 'file');
    await writeFile(blocker, 'x');
    await assert.rejects(writeReportSet(join(blocker, 'out'), mixedResults(), runInfo), (error: unknown) => {
      assert.ok(isHarnessError(error));
      assert.match(error.message, /cannot write the report to .*file\/out: (ENOTDIR|EEXIST)/);
      return true;
    });
  });

  it('writes every file it can when one part fails, and names the part that could not be written', async () => {
    const files = REPORT_FILES.map((file) =>
      file.name === 'junit.xml'
        ? {
            name: file.name,
            render: () => {
              throw new RangeError('Maximum call stack size exceeded');
            },
          }
        : file,
    );
    const out = join(dir, 'partial');
    await assert.rejects(writeReportSet(out, mixedResults(), runInfo, { files, stepSummary: false }), (error: unknown) => {
      assert.ok(isHarnessError(error));
      assert.match(error.message, /could not write junit\.xml \(RangeError: Maximum call stack size exceeded\); written: ctrf\.json, summary\.md, report\.html, badges/);
      return true;
    });
    const names = await readdir(out);
    for (const name of ['ctrf.json', 'summary.md', 'report.html', 'badges']) assert.ok(names.includes(name), `${name} is missing: ${names.join(', ')}`);
    assert.ok(!names.includes('junit.xml'));
    assert.equal(parseCtrf(await readFile(join(out, 'ctrf.json'), 'utf8')).results.length, mixedResults().length);
  });
});
