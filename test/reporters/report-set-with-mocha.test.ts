import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Mocha from 'mocha';
import { runChecks } from '../../src/cli/check-run/run-checks.js';
import { addCheck } from '../../src/runner/add-check.js';
import { CheckFailure } from '../../src/results/check-outcome-errors.js';
import { ReportSetReporter } from '../../reporters/report-set-reporter.js';
import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import { CaptureStream, meta } from './fake-runner.js';
import { runInfo } from './sample-results.js';

describe('ReportSetReporter under a real mocha run', () => {
  it('has written every file by the time runChecks resolves', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'dpsc-mocha-report-'));
    try {
      const { results } = await runChecks({
        reporter: ReportSetReporter,
        reporterOptions: { outDir, runInfo: { ...runInfo }, stream: new CaptureStream(), stepSummary: false },
        build: (root: Mocha.Suite) => {
          addCheck(root, meta('x.pass'), () => 'fine');
          addCheck(root, meta('x.fail'), () => {
            throw new CheckFailure('expected 200, got 500', { mismatch: 'wrong-status', expected: 200, actual: 500 });
          });
        },
      });
      assert.deepEqual((await readdir(outDir)).sort(), ['badges', 'ctrf.json', 'junit.xml', 'report.html', 'summary.md']);
      // every field but the check's own evaluation time, which ctrf.json does not keep
      const kept = results.map(({ durationMs: _durationMs, ...rest }) => rest);
      assert.deepEqual(parseCtrf(await readFile(join(outDir, 'ctrf.json'), 'utf8')).results, kept);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
