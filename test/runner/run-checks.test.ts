import assert from 'node:assert/strict';
import type Mocha from 'mocha';
import { runChecks } from '../../src/cli/check-run/run-checks.js';
import { addCheck } from '../../src/runner/add-check.js';
import { ResultReporter } from '../../reporters/result-reporter.js';
import { CheckFailure, CheckNotReached, CheckSkipped, TargetMisbehaviour } from '../../src/results/check-outcome-errors.js';
import type { CheckMeta } from '../../src/runner/check-meta.js';
import { ReportSetReporter, type ReportSetReporterOptions } from '../../reporters/report-set-reporter.js';
import { isHarnessError } from '../../src/errors/harness-error.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const meta = (checkId: string): CheckMeta => ({
  checkId,
  level: 'MUST',
  dialect: 'ga',
  transport: 'http',
  caseId: 'case-1',
  implementation: { name: 'fake' },
});

describe('runChecks', () => {
  it('turns each way a check can end into the matching outcome', async () => {
    const { results } = await runChecks({
      reporter: ResultReporter,
      reporterOptions: {},
      build: (root: Mocha.Suite) => {
        addCheck(root, meta('x.pass'), () => 'all good');
        addCheck(root, meta('x.fail'), () => {
          throw new CheckFailure('expected 200, got 500', { mismatch: 'wrong-status', expected: 200, actual: 500 });
        });
        addCheck(root, meta('x.error'), () => {
          throw new TargetMisbehaviour('connection reset', { mismatch: 'connection-reset' });
        });
        addCheck(root, meta('x.skip'), () => {
          throw new CheckSkipped('not claimed');
        });
        addCheck(root, meta('x.blocked'), () => {
          throw new CheckNotReached('not reached: the register request was refused', 'x.fail');
        });
        addCheck(root, meta('x.bug'), () => {
          throw new TypeError('oops');
        });
      },
    });
    const byId = new Map(results.map((r) => [r.checkId, r]));
    assert.equal(byId.get('x.pass')?.outcome, 'passed');
    assert.equal(byId.get('x.pass')?.message, 'all good');
    assert.equal(byId.get('x.fail')?.outcome, 'failed');
    assert.equal(byId.get('x.fail')?.expected, 200);
    assert.equal(byId.get('x.fail')?.actual, 500);
    assert.equal(byId.get('x.fail')?.mismatch, 'wrong-status');
    assert.equal(byId.get('x.error')?.outcome, 'errored');
    assert.equal(byId.get('x.error')?.harnessFault, undefined);
    assert.equal(byId.get('x.skip')?.outcome, 'skipped');
    assert.equal(byId.get('x.skip')?.message, 'not claimed');
    assert.equal(byId.get('x.skip')?.blockedBy, undefined);
    assert.equal(byId.get('x.blocked')?.outcome, 'skipped');
    assert.equal(byId.get('x.blocked')?.blockedBy, 'x.fail');
    assert.equal(byId.get('x.bug')?.outcome, 'errored');
    assert.equal(byId.get('x.bug')?.harnessFault, true);
    assert.equal(results.length, 6);
  });

  it('stops between checks when aborted and marks the run incomplete', async () => {
    const controller = new AbortController();
    const runInfo = { tool: { name: 'dps-conformance' as const, version: '0' }, command: 't', suiteVersion: 's', startedAt: '' };
    const { results, aborted, runInfo: finalInfo } = await runChecks({
      reporter: ResultReporter,
      reporterOptions: { runInfo },
      signal: controller.signal,
      build: (root: Mocha.Suite) => {
        addCheck(root, meta('a.first'), () => controller.abort());
        addCheck(root, meta('a.second'), () => undefined);
      },
    });
    assert.equal(aborted, true);
    assert.equal(finalInfo.incomplete, true);
    assert.deepEqual(
      results.map((r) => r.checkId),
      ['a.first'],
    );
  });

  it('rejects with a report-write harness error when the report set cannot be written', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'dpsc-write-')), 'not-a-dir');
    writeFileSync(blocker, 'a file where the report directory should be');
    await assert.rejects(
      runChecks<ReportSetReporterOptions>({
        reporter: ReportSetReporter,
        reporterOptions: { outDir: join(blocker, 'out'), console: 'none', stepSummary: false },
        build: (root: Mocha.Suite) => {
          addCheck(root, meta('w.one'), () => undefined);
        },
      }),
      (error: unknown) => isHarnessError(error) && error.code === 'ERR_DPSC_REPORT_WRITE',
    );
  });
});
