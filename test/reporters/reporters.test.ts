/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportSetReporter } from '../../reporters/report-set-reporter.js';
import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { isHarnessError } from '../../src/errors/harness-error.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { CaptureStream, meta, runFake, type FakeEvent } from './fake-runner.js';
import { runInfo } from './sample-results.js';

const SECRET = 'c2VjcmV0LWtleS1kby1ub3Qtc2hvdw==';

const events: FakeEvent[] = [
  { kind: 'pass', meta: meta('device.register.ok') },
  { kind: 'fail', meta: meta('device.returnData.fidelity'), message: `returnData differs (key ${SECRET})`, details: { mismatch: 'value-mismatch', expected: { a: 1 }, actual: { a: 2 }, evidence: { sas: SECRET } } },
  { kind: 'error', meta: meta('device.register.timeout', { level: 'SHOULD' }), message: 'no reply within 20000 ms', details: { mismatch: 'timeout' } },
  { kind: 'skip', meta: meta('device.amqp', { transport: 'amqp' }), message: 'transport amqp not supported' },
];

describe('reporters (driven by a fake runner)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-reporters-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the console summary mode prints failures by cause and skipped as counts at the end, then the table', async () => {
    const stream = new CaptureStream(false);
    await runFake(ReportSetReporter, { outDir: join(dir, 'console'), stepSummary: false, stream, runInfo }, events);
    const lines = stream.text.split('\n');
    assert.ok(lines.includes('Failures by cause (2 causes, 2 results; ✗ blocks the verdict, ! does not):'), stream.text);
    assert.ok(lines.some((l) => /^ {2}✗ MUST device\.returnData\.fidelity × 1 · 1 case · fake-sdk@1\.0\.0 · https · ga$/.test(l)), stream.text);
    assert.ok(lines.some((l) => l.startsWith('  ! SHOULD device.register.timeout × 1')));
    assert.ok(lines.some((l) => l.startsWith('skipped: 1 (1 transport amqp not supported; --reporter verbose lists them)')));
    assert.ok(!lines.some((l) => /^(passed|FAILED|ERRORED|skipped) /.test(l)), 'no line per result');
    assert.match(stream.text, /^implementation\s+transport/m);
    assert.match(stream.text, /FAIL: 1 blocking/);
    assert.doesNotMatch(stream.text, /\r|\u001b/);
  });

  it('the console verbose mode shows every result, quiet only the table, json one JSON line per result', async () => {
    const verbose = new CaptureStream();
    await runFake(ReportSetReporter, { outDir: join(dir, 'console'), stepSummary: false, stream: verbose, console: 'verbose', runInfo }, events);
    assert.match(verbose.text, /^passed {2}MUST {3}device\.register\.ok/m);
    assert.match(verbose.text, /^skipped MUST {3}device\.amqp/m, 'verbose keeps the full list, skipped included');
    const quiet = new CaptureStream();
    await runFake(ReportSetReporter, { outDir: join(dir, 'console'), stepSummary: false, stream: quiet, console: 'quiet', runInfo }, events);
    assert.doesNotMatch(quiet.text, /FAILED/);
    assert.match(quiet.text, /FAIL: 1 blocking/);
    const json = new CaptureStream();
    await runFake(ReportSetReporter, { outDir: join(dir, 'console'), stepSummary: false, stream: json, console: 'json', runInfo }, events);
    const parsed = json.text.trim().split('\n').map((line) => JSON.parse(line) as CheckResult);
    assert.deepEqual(
      parsed.map((r) => r.outcome),
      ['passed', 'failed', 'errored', 'skipped'],
    );
  });

  it('the console rewrites one progress line in place on a terminal', async () => {
    const stream = new CaptureStream(true);
    await runFake(ReportSetReporter, { outDir: join(dir, 'console'), stepSummary: false, stream, color: false, runInfo }, events);
    // the plan is known, so progress counts against it
    assert.match(stream.text, /\r\u001b\[Kprogress: 0\/4 results \(0%\), 0 failed, 0 errored/);
    // redrawn at most every redrawEveryMs, not once per result, and cleared before the end
    assert.ok((stream.text.match(/\r\u001b\[Kprogress/g)?.length ?? 0) < 4, stream.text);
    assert.match(stream.text, /\r\u001b\[K\nFailures by cause/);
  });

  it('ReportSetReporter writes ctrf.json, junit.xml and summary.md atomically and prints the summary', async () => {
    const stream = new CaptureStream();
    const outDir = join(dir, 'out');
    let ended: CheckResult[] = [];
    await runFake(ReportSetReporter, { outDir, stream, runInfo, stepSummary: false, onEnd: (r: CheckResult[]) => (ended = r) }, events);
    assert.deepEqual((await readdir(outDir)).sort(), ['badges', 'ctrf.json', 'junit.xml', 'report.html', 'summary.md']);
    assert.equal(parseCtrf(await readFile(join(outDir, 'ctrf.json'), 'utf8')).results.length, 4);
    assert.equal(ended.length, 4);
    assert.match(stream.text, /FAIL: 1 blocking/);
    assert.match(stream.text, /^plan: 4 checks over 1 cases\n {2}implementations: fake-sdk@1\.0\.0\n {2}transports: amqp, https · dialects: ga\n/);
    assert.match(stream.text, new RegExp(`reports written to ${outDir} in \\d+ ms\nopen ${join(outDir, 'report.html')}: each failure by cause`));
  });

  it('ReportSetReporter passes everything through postProcess: no secret in any file or on the console', async () => {
    const stream = new CaptureStream();
    const outDir = join(dir, 'out');
    const redactor = new SecretRedactor().add(SECRET);
    const postProcess = (results: CheckResult[]): CheckResult[] => results.map((r) => redactor.redactDeep(r));
    await runFake(ReportSetReporter, { outDir, stream, runInfo, postProcess, stepSummary: false, console: 'verbose' }, events);
    for (const name of (await readdir(outDir)).filter((n) => n !== 'badges')) {
      const text = await readFile(join(outDir, name), 'utf8');
      assert.ok(!text.includes(SECRET), `${name} holds the secret`);
      assert.match(text, /REDACTED/);
    }
    for (const name of await readdir(join(outDir, 'badges'))) {
      assert.ok(!(await readFile(join(outDir, 'badges', name), 'utf8')).includes(SECRET), `badges/${name} holds the secret`);
    }
    assert.ok(!stream.text.includes(SECRET));
    assert.match(stream.text, /REDACTED/);
  });

  it('ReportSetReporter hands a write failure to onError as a harness error, and still finishes', async () => {
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'x');
    const errors: unknown[] = [];
    await runFake(ReportSetReporter, { outDir: join(blocker, 'out'), stream: new CaptureStream(), runInfo, stepSummary: false, onError: (e: unknown) => errors.push(e) }, events);
    assert.equal(errors.length, 1);
    assert.ok(isHarnessError(errors[0]));
    assert.match(errors[0].message, /cannot write the report/);
  });
});
