import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliPath, repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { startFixtureWebhook } from '../fixtures/webhooks/start-fixture-webhook.js';
import { BROKEN_WEBHOOKS } from '../fixtures/webhooks/broken-webhooks.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  status: string;
  message?: string;
  extra: {
    checkId: string;
    dialect: string;
    transport: string;
    evidence: {
      schedule: { scheduled: number; started: number };
      outcomes: { ok: number; errors: number; timeouts: number; cancelled: number };
    };
  };
}

interface Ctrf {
  results: { tests: CtrfTest[]; extra: { runInfo: { command: string; incomplete?: boolean; incompleteReason?: string } } };
}

async function readCtrf(dir: string): Promise<Ctrf> {
  return ctrfView(await readFile(join(dir, 'ctrf.json'), 'utf8')) as Ctrf;
}

function byCheck(ctrf: Ctrf, checkId: string): CtrfTest {
  const test = ctrf.results.tests.find((t) => t.extra.checkId === checkId);
  assert.ok(test, `no ${checkId} result in ctrf.json`);
  return test;
}

// Counts and report files only, never timings (a shared, noisy machine): a slow run may drop or
// delay a start, so counts are asserted as "about", and the exact sums must still add up.
describe('dps-conformance load', function () {
  this.timeout(60_000);
  let out: string;
  let webhook: RunningWebhook;

  before(async () => {
    webhook = await startReferenceWebhook({ port: 0 });
  });
  after(async () => {
    await webhook.close();
  });
  beforeEach(async () => {
    out = await mkdtemp(join(tmpdir(), 'dpsc-load-'));
  });
  afterEach(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('loads the reference webhook at 20/s for 2 s: exit 0, about 40 requests, load results in every report file', async () => {
    const run = await runCliInProcess(['load', '--webhook', webhook.url, '--rate', '20', '--duration', '2', '--out', out]);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const ctrf = await readCtrf(out);
    assert.equal(ctrf.results.extra.runInfo.command, 'load');
    assert.deepEqual(ctrf.results.tests.map((t) => t.extra.checkId).sort(), ['load.errors', 'load.latency.p95', 'load.throughput']);
    const errors = byCheck(ctrf, 'load.errors');
    assert.equal(errors.status, 'passed');
    assert.equal(errors.extra.transport, 'http');
    assert.equal(errors.extra.dialect, 'ga');
    const { schedule, outcomes } = errors.extra.evidence;
    assert.equal(schedule.scheduled, 40, 'rate x duration slots');
    assert.ok(outcomes.ok >= 36 && outcomes.ok <= 40, `about 40 requests answered, got ${outcomes.ok}`);
    assert.equal(outcomes.errors + outcomes.timeouts, 0);
    for (const file of ['junit.xml', 'summary.md', 'report.html']) assert.match(await readFile(join(out, file), 'utf8'), /load\.errors/);
    assert.match(run.stdout, /load\.latency\.p95/);
  });

  it('runs 5 simulated devices through the emulator at 10/s for 2 s: exit 0, 20 scheduled, none failed', async () => {
    const run = await runCliInProcess(['load', '--emulator', '--devices', '5', '--rate', '10', '--duration', '2', '--out', out]);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const errors = byCheck(await readCtrf(out), 'load.errors');
    assert.equal(errors.status, 'passed');
    assert.equal(errors.extra.transport, 'https');
    const { schedule, outcomes } = errors.extra.evidence;
    assert.equal(schedule.scheduled, 20);
    // how many start within 2 s depends on the machine's load (a busy machine starts fewer); every one that started is assigned
    assert.ok(schedule.started >= 1, `registrations started: ${schedule.started}`);
    assert.equal(outcomes.ok, schedule.started);
    assert.equal(outcomes.errors, 0);
    assert.equal(outcomes.ok + outcomes.errors + outcomes.timeouts + (schedule.scheduled - schedule.started), schedule.scheduled);
  });

  it('runs devices over MQTT, end to end through a given webhook, in both dialects', async () => {
    const run = await runCliInProcess(['load', '--emulator', '--transport', 'mqtt', '--webhook', webhook.url, '--dialect', 'all', '--devices', '4', '--rate', '8', '--duration', '2', '--out', out]);
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const ctrf = await readCtrf(out);
    const errors = ctrf.results.tests.filter((t) => t.extra.checkId === 'load.errors');
    assert.deepEqual(errors.map((t) => t.extra.dialect).sort(), ['ga', 'preview']);
    for (const t of errors) {
      assert.equal(t.status, 'passed');
      assert.equal(t.extra.transport, 'mqtt');
    }
    assert.equal(errors.reduce((sum, t) => sum + t.extra.evidence.schedule.scheduled, 0), 16);
  });

  it('fails load.errors (exit 1) when the webhook answers 500', async () => {
    const broken = BROKEN_WEBHOOKS.find((b) => b.name === 'status-500');
    assert.ok(broken);
    const failing = await startFixtureWebhook(broken);
    try {
      const run = await runCliInProcess(['load', '--webhook', failing.url, '--rate', '10', '--duration', '1', '--out', out]);
      assert.equal(run.status, 1, run.stderr + run.stdout);
      const errors = byCheck(await readCtrf(out), 'load.errors');
      assert.equal(errors.status, 'failed');
      assert.match(errors.message ?? '', /10x HTTP 500/);
      assert.equal(errors.extra.evidence.outcomes.errors, 10);
    } finally {
      await failing.close();
    }
  });

  it('refuses a webhook that is not on this machine (exit 2, nothing sent)', async () => {
    const run = await runCliInProcess(['load', '--webhook', 'http://192.0.2.1/api/allocate', '--rate', '1', '--duration', '1', '--out', out]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /loopback/);
  });

  it('stops on Ctrl-C and still writes the report, marked incomplete', async () => {
    const child = spawn(process.execPath, [cliPath, 'load', '--webhook', webhook.url, '--rate', '20', '--duration', '60', '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    const closed = new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    await new Promise<void>((resolve) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        // the first plain progress line: the load is running
        if (/^load .* sent/m.test(stdout)) resolve();
      });
      child.on('close', () => resolve());
    });
    child.kill('SIGINT');
    const status = await closed;
    clearTimeout(killer);
    assert.equal(status, 0, stderr + stdout);
    const ctrf = await readCtrf(out);
    assert.equal(ctrf.results.extra.runInfo.incomplete, true);
    assert.match(ctrf.results.extra.runInfo.incompleteReason ?? '', /interrupted/);
    const errors = byCheck(ctrf, 'load.errors');
    assert.ok(errors.extra.evidence.schedule.scheduled < 1200, 'stopped well before the 60 s were over');
    assert.match(stdout, /incomplete run/);
  });
});
