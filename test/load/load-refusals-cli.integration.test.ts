import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { startPolicyWebhook, type PolicyWebhookName } from '../fixtures/webhooks/policy-webhooks.js';
import { CONTOSO_PROFILE } from '../fixtures/webhooks/contoso-profile.js';
import { serveWholeRequests } from '../fixtures/webhooks/serve-whole-requests.js';
import type { RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface LoadErrors {
  status: string;
  message: string;
  dialect: string;
  outcomes: { ok: number; refused: number; errors: number; timeouts: number };
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  errors: LoadErrors[];
}

// Counts only, never timings (a shared, noisy machine); each run is short (10 to 40 requests).
describe('dps-conformance load: refusals and --profile (policy webhooks of test/fixtures/webhooks/policy-webhooks.ts)', function () {
  this.timeout(60_000);
  let dir: string;
  let profile: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-load-refusals-'));
    profile = join(dir, 'contoso.profile.json');
    await writeFile(profile, JSON.stringify(CONTOSO_PROFILE));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function load(webhook: RunningWebhook, args: string[]): Promise<Run> {
    const out = await mkdtemp(join(dir, 'out-'));
    try {
      const run = await runCliInProcess(['load', '--webhook', webhook.url, '--out', out, ...args]);
      let errors: LoadErrors[] = [];
      try {
        const ctrf = ctrfView(await readFile(join(out, 'ctrf.json'), 'utf8')) as {
          results: {
            tests: {
              status: string;
              message?: string;
              extra: { checkId: string; dialect: string; evidence: { outcomes: LoadErrors['outcomes'] } };
            }[];
          };
        };
        errors = ctrf.results.tests
          .filter((t) => t.extra.checkId === 'load.errors')
          .map((t) => ({
            status: t.status,
            message: t.message ?? '',
            dialect: t.extra.dialect,
            outcomes: t.extra.evidence.outcomes,
          }));
      } catch {
        // no report (a usage error): the caller asserts the exit status
      }
      return { status: run.status, stdout: run.stdout, stderr: run.stderr, errors };
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }

  async function withPolicy<T>(name: PolicyWebhookName, body: (webhook: RunningWebhook) => Promise<T>): Promise<T> {
    const webhook = await startPolicyWebhook(name);
    try {
      return await body(webhook);
    } finally {
      await webhook.close();
    }
  }

  it('a policy that refuses devices without a model ID: load.errors passes (exit 0), refusals counted apart from ok answers', async () => {
    // 40 slots cycle once through the 40 ga corpus cases: the pnp ones (and the near-limit one) send
    // a modelId, the rest are refused
    const run = await withPolicy('model-id-required', (w) => load(w, ['--rate', '20', '--duration', '2']));
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const [errors] = run.errors;
    assert.ok(errors);
    assert.equal(errors.status, 'passed', errors.message);
    assert.equal(errors.outcomes.errors + errors.outcomes.timeouts, 0);
    assert.ok(
      errors.outcomes.ok >= 1 && errors.outcomes.ok <= 4,
      `the cases with a modelId accepted, got ${errors.outcomes.ok}`,
    );
    assert.ok(errors.outcomes.refused >= 30, `most cases refused, got ${errors.outcomes.refused}`);
    assert.match(errors.message, /refused by the webhook's policy \(\d+x HTTP 400\), not errors/);
    assert.match(run.stdout, /load\.errors .*refused by the webhook's policy/, 'the summary shows the refusals');
  });

  it('the docs-sample policy without --profile: every answer a refusal, load.errors fails (exit 1) naming --profile', async () => {
    const run = await withPolicy('contoso-policy', (w) =>
      load(w, ['--rate', '10', '--duration', '1', '--dialect', 'all']),
    );
    assert.equal(run.status, 1, run.stderr + run.stdout);
    assert.deepEqual(run.errors.map((e) => e.dialect).sort(), ['ga', 'preview']);
    for (const errors of run.errors) {
      assert.equal(errors.status, 'failed');
      assert.equal(errors.outcomes.ok, 0);
      assert.equal(errors.outcomes.errors, 0);
      assert.ok(errors.outcomes.refused > 0);
      assert.match(
        errors.message,
        /got all \d+ of \d+ refused \(\d+x HTTP 400; first: HTTP 400 "Unrecognized device registration\."\): not a load result/,
      );
      assert.match(errors.message, /--profile FILE .*see docs\/webhook-profiles\.md/);
    }
  });

  it('the same policy with --profile: every answer ok (exit 0)', async () => {
    const run = await withPolicy('contoso-policy', (w) =>
      load(w, ['--rate', '10', '--duration', '1', '--dialect', 'all', '--profile', profile]),
    );
    assert.equal(run.status, 0, run.stderr + run.stdout);
    assert.equal(run.errors.length, 2);
    for (const errors of run.errors) {
      assert.equal(errors.status, 'passed', errors.message);
      assert.equal(errors.outcomes.refused, 0);
      assert.equal(errors.outcomes.errors, 0);
      assert.ok(errors.outcomes.ok >= 3, `about 5 ok answers, got ${errors.outcomes.ok}`);
    }
  });

  it('a webhook answering 429 (throttled) still fails load.errors: DPS retries a 429, it is no refusal', async () => {
    const throttled = await serveWholeRequests((_request, response) => {
      response.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '1' }).end('Too many requests');
    });
    try {
      const run = await load(throttled, ['--rate', '10', '--duration', '1']);
      assert.equal(run.status, 1, run.stderr + run.stdout);
      const [errors] = run.errors;
      assert.ok(errors);
      assert.equal(errors.status, 'failed');
      assert.equal(errors.outcomes.refused, 0);
      assert.match(errors.message, /\d+x HTTP 429/);
    } finally {
      await throttled.close();
    }
  });

  it('a policy that crashes (500) on some devices fails load.errors, whatever else it refuses or accepts', async () => {
    const run = await withPolicy('crashes-without-payload', (w) => load(w, ['--rate', '20', '--duration', '2']));
    assert.equal(run.status, 1, run.stderr + run.stdout);
    const [errors] = run.errors;
    assert.ok(errors);
    assert.equal(errors.status, 'failed');
    assert.match(errors.message, /x HTTP 500/);
  });

  it('--profile is a usage error with --emulator, and a broken profile file is a configuration error (exit 2)', async () => {
    const emulator = await runCliInProcess([
      'load',
      '--emulator',
      '--rate',
      '1',
      '--duration',
      '1',
      '--profile',
      profile,
      '--out',
      join(dir, 'never'),
    ]);
    assert.equal(emulator.status, 2);
    assert.match(emulator.stderr, /--profile shapes the requests of a --webhook run/);
    const broken = join(dir, 'broken.profile.json');
    await writeFile(broken, JSON.stringify({ version: 1, registrationId: 'x'.repeat(200) + '{caseId}' }));
    const bad = await runCliInProcess([
      'load',
      '--webhook',
      'http://127.0.0.1:9/api/allocate',
      '--rate',
      '1',
      '--duration',
      '1',
      '--profile',
      broken,
      '--out',
      join(dir, 'never'),
    ]);
    assert.equal(bad.status, 2, bad.stderr);
    assert.match(bad.stderr, /registrationId/);
  });
});
