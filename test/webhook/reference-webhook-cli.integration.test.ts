import assert from 'node:assert/strict';
import { startReferenceWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { WEBHOOK_CHECKS } from '../../suites/webhook/check-catalogue.js';
import { describeRun, runWebhookCli } from './run-webhook-cli.js';

describe('webhook command against the reference webhook', function () {
  this.timeout(120_000);

  it('passes every MUST check in both dialects, with a function key (exit 0)', async () => {
    const webhook = await startReferenceWebhook({ functionKey: 'reference-key-5678' });
    try {
      const r = await runWebhookCli(['--url', webhook.url, '--dialect', 'all', '--function-key', 'reference-key-5678']);
      assert.equal(r.run.status, 0, describeRun(r));
      const blocking = r.results.filter((x) => x.level === 'MUST' && (x.outcome === 'failed' || x.outcome === 'errored'));
      assert.deepEqual(blocking, []);
      assert.ok(!r.results.some((x) => x.outcome === 'failed' || x.outcome === 'errored'), 'no SHOULD fails either');
      for (const dialect of ['ga', 'preview']) {
        const ran = new Set(r.results.filter((x) => x.dialect === dialect && x.outcome === 'passed').map((x) => x.checkId));
        const expected = WEBHOOK_CHECKS.filter((c) => !c.id.startsWith('webhook.case.')).map((c) => c.id);
        assert.deepEqual([...ran].sort(), [...expected].sort(), `every corpus check passes at least once in ${dialect}`);
      }
      assert.ok(!r.ctrfText.includes('reference-key-5678'), 'the key never reaches the report');
      // skips carry their reason (as ajv keeps per-draft skip lists): ga cannot carry top-level arrays, strings, numbers; one hub cannot move
      const skipped = r.results.filter((x) => x.outcome === 'skipped');
      const reasonable = (x: { dialect: string; message: string; caseId: string; checkId: string }): boolean =>
        (x.dialect === 'ga' && /JSON object|not forwarded/.test(x.message)) || (x.checkId === 'webhook.allocation.stable' && x.caseId === 'one-linked-hub');
      assert.ok(skipped.length > 0 && skipped.every(reasonable), JSON.stringify(skipped.map((x) => x.message)));
    } finally {
      await webhook.close();
    }
  });

  it('splits the cases across shards without loss or overlap', async () => {
    const webhook = await startReferenceWebhook();
    try {
      const runs = await Promise.all(['1/2', '2/2'].map((s) => runWebhookCli(['--url', webhook.url, '--shard', s])));
      const keys = runs.map((r) => r.results.filter((x) => x.checkId === 'webhook.response.status').map((x) => x.caseId));
      const whole = await runWebhookCli(['--url', webhook.url]);
      const all = whole.results.filter((x) => x.checkId === 'webhook.response.status').map((x) => x.caseId);
      assert.deepEqual([...(keys[0] ?? []), ...(keys[1] ?? [])].sort(), [...all].sort());
      assert.ok((keys[0] ?? []).every((k) => !(keys[1] ?? []).includes(k)));
      assert.ok(runs[0]?.results.some((x) => x.checkId === 'webhook.latency.p95'), 'shard 1 has the run-wide checks');
      assert.ok(!runs[1]?.results.some((x) => x.checkId === 'webhook.latency.p95'), 'shard 2 does not');
    } finally {
      await webhook.close();
    }
  });
});
