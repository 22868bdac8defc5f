import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { artilleryMissing, ensureArtillery } from '../helpers/artillery.js';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { startFixtureWebhook } from '../fixtures/webhooks/start-fixture-webhook.js';
import { BROKEN_WEBHOOKS } from '../fixtures/webhooks/broken-webhooks.js';
import { startPolicyWebhook } from '../fixtures/webhooks/policy-webhooks.js';
import { CONTOSO_PROFILE } from '../fixtures/webhooks/contoso-profile.js';
import { ctrfView } from '../helpers/ctrf-view.js';

const KEY = 'export-test-function-key-7f3a';
const RATE = 10;
const DURATION = 2;
const ALL_DIALECTS_RUN = ['--rate', String(RATE), '--duration', String(DURATION), '--dialect', 'all'];
/** 40 requests: once through the 40 ga corpus cases, the few with a modelId among them */
const GA_MIX_ONCE = ['--rate', '20', '--duration', '2', '--dialect', 'ga'];

interface ArtilleryRun {
  status: number | null;
  output: string;
  counters: Record<string, number>;
}

/** Runs the exported scenario with Artillery (one local worker, no telemetry), bounded in time. */
function runArtillery(cli: string, dir: string, env: Record<string, string>): Promise<ArtilleryRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'run', '--output', join(dir, 'artillery-report.json'), join(dir, 'dpsc-load.yml')], {
      cwd: dir,
      env: { ...process.env, ARTILLERY_DISABLE_TELEMETRY: 'true', WORKERS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      readFile(join(dir, 'artillery-report.json'), 'utf8').then(
        (text) => resolve({ status, output, counters: (JSON.parse(text) as { aggregate: { counters: Record<string, number> } }).aggregate.counters }),
        () => resolve({ status, output, counters: {} }),
      );
    });
  });
}

interface LoadOutcomes {
  ok: number;
  refused: number;
  errors: number;
  timeouts: number;
}

interface LoadCounts {
  status: number | null;
  ok: Record<string, number>;
  refused: Record<string, number>;
  errors: number;
}

/** `load` itself on the same webhook with the same rate, duration and mix: correct answers and refusals per dialect. */
async function runLoad(
  url: string,
  out: string,
  args: string[] = ['--function-key', KEY, ...ALL_DIALECTS_RUN],
): Promise<LoadCounts> {
  const run = await runCliInProcess(['load', '--webhook', url, ...args, '--out', out]);
  const ctrf = ctrfView(await readFile(join(out, 'ctrf.json'), 'utf8')) as {
    results: { tests: { extra: { checkId: string; dialect: string; evidence: { outcomes: LoadOutcomes } } }[] };
  };
  const counts: LoadCounts = { status: run.status, ok: {}, refused: {}, errors: 0 };
  for (const t of ctrf.results.tests.filter((x) => x.extra.checkId === 'load.errors')) {
    counts.ok[t.extra.dialect] = t.extra.evidence.outcomes.ok;
    counts.refused[t.extra.dialect] = t.extra.evidence.outcomes.refused;
    counts.errors += t.extra.evidence.outcomes.errors + t.extra.evidence.outcomes.timeouts;
  }
  return counts;
}

describe('load --export artillery', function () {
  this.timeout(400_000);
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-export-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('run under Artillery on loopback', () => {
    let cli: string | undefined;
    before(function () {
      this.timeout(660_000);
      cli = ensureArtillery();
      if (cli) return;
      if (process.env['CI'] === 'true') throw new Error(`Artillery test cannot run under CI=true: ${artilleryMissing()}`);
      this.skip();
    });

    let webhook: RunningWebhook;
    before(async () => {
      webhook = await startReferenceWebhook({ port: 0, functionKey: KEY });
    });
    after(async () => {
      await webhook?.close();
    });

    it('against the reference webhook: exit 0, and the same counts per dialect as load itself', async () => {
      const exported = await runCliInProcess(['load', '--webhook', webhook.url, '--function-key', KEY, '--rate', String(RATE), '--duration', String(DURATION), '--dialect', 'all', '--export', 'artillery', dir]);
      assert.equal(exported.status, 0, exported.stderr);
      const artillery = await runArtillery(cli ?? '', dir, { DPSC_FUNCTION_KEY: KEY });
      assert.equal(artillery.status, 0, artillery.output);
      const load = await runLoad(webhook.url, join(dir, 'load-report'));
      assert.equal(load.status, 0);
      assert.equal(load.errors, 0);
      assert.equal(artillery.counters['dpsc.errors'] ?? 0, 0, artillery.output);
      assert.equal(artillery.counters['vusers.created'], RATE * DURATION);
      assert.equal(artillery.counters['dpsc.ok'], (load.ok['ga'] ?? 0) + (load.ok['preview'] ?? 0));
      assert.equal(artillery.counters['dpsc.ga.ok'], load.ok['ga']);
      assert.equal(artillery.counters['dpsc.preview.ok'], load.ok['preview']);
    });

    it('without the key in the environment it refuses to run; against a webhook naming an unlinked hub it fails as load does', async () => {
      const exported = await runCliInProcess(['load', '--webhook', webhook.url, '--function-key', KEY, '--rate', String(RATE), '--duration', String(DURATION), '--export', 'artillery', dir]);
      assert.equal(exported.status, 0, exported.stderr);
      const noKey = await runArtillery(cli ?? '', dir, { DPSC_FUNCTION_KEY: '' });
      assert.notEqual(noKey.status, 0);
      assert.match(noKey.output, /DPSC_FUNCTION_KEY/);

      const broken = BROKEN_WEBHOOKS.find((b) => b.name === 'hub-not-linked');
      assert.ok(broken);
      const rogue = await startFixtureWebhook(broken);
      try {
        const again = await runCliInProcess(['load', '--webhook', rogue.url, '--rate', String(RATE), '--duration', String(DURATION), '--export', 'artillery', dir]);
        assert.equal(again.status, 0, again.stderr);
        const failed = await runArtillery(cli ?? '', dir, {});
        assert.equal(failed.status, 1, failed.output);
        assert.equal(failed.counters['dpsc.ok'] ?? 0, 0);
        assert.equal(failed.counters['dpsc.error.hub not linked'], RATE * DURATION);
        assert.match(failed.output, /fail: dpsc\.errors == 0/);
      } finally {
        await rogue.close();
      }
    });

    it('refusals as load counts them: refusing some devices passes, refusing all fails, and --profile passes', async () => {
      const modelId = await startPolicyWebhook('model-id-required');
      try {
        const exported = await runCliInProcess(['load', '--webhook', modelId.url, ...GA_MIX_ONCE, '--export', 'artillery', dir]);
        assert.equal(exported.status, 0, exported.stderr);
        const mixed = await runArtillery(cli ?? '', dir, {});
        assert.equal(mixed.status, 0, mixed.output);
        const load = await runLoad(modelId.url, join(dir, 'load-report'), GA_MIX_ONCE);
        assert.equal(load.status, 0);
        assert.equal(mixed.counters['dpsc.errors'] ?? 0, 0, mixed.output);
        assert.ok((mixed.counters['dpsc.ok'] ?? 0) > 0, 'some devices accepted');
        assert.ok((mixed.counters['dpsc.refused'] ?? 0) > 0, 'some devices refused');
        assert.equal(mixed.counters['dpsc.ga.refused'], load.refused['ga']);
        assert.equal(mixed.counters['dpsc.ok'], load.ok['ga']);
      } finally {
        await modelId.close();
      }

      const contoso = await startPolicyWebhook('contoso-policy');
      try {
        const run = ['load', '--webhook', contoso.url, '--rate', String(RATE), '--duration', String(DURATION)];
        const exported = await runCliInProcess([...run, '--export', 'artillery', dir]);
        assert.equal(exported.status, 0, exported.stderr);
        const refused = await runArtillery(cli ?? '', dir, {});
        assert.equal(refused.status, 1, refused.output);
        assert.equal(refused.counters['dpsc.refusal.HTTP 400'], RATE * DURATION);
        assert.match(refused.output, /fail: dpsc\.ga\.ok > 0 or dpsc\.ga\.refused == 0/);

        const profile = join(dir, 'contoso.profile.json');
        await writeFile(profile, JSON.stringify(CONTOSO_PROFILE));
        const again = await runCliInProcess([...run, '--profile', profile, '--export', 'artillery', dir]);
        assert.equal(again.status, 0, again.stderr);
        const accepted = await runArtillery(cli ?? '', dir, {});
        assert.equal(accepted.status, 0, accepted.output);
        assert.equal(accepted.counters['dpsc.ok'], RATE * DURATION);
        assert.equal(accepted.counters['dpsc.refused'] ?? 0, 0);
      } finally {
        await contoso.close();
      }
    });
  });
});
