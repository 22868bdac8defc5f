import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startReferenceWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { repoRoot } from '../helpers/run-cli.js';
import { describeRun, runWebhookCli } from './run-webhook-cli.js';

describe('examples/cases.json, the case file the README names', function () {
  this.timeout(120_000);

  it('runs as the README shows it, and the reference webhook passes its cases', async () => {
    const webhook = await startReferenceWebhook();
    try {
      const r = await runWebhookCli(['--url', webhook.url, '--cases', join(repoRoot, 'examples', 'cases.json')]);
      assert.equal(r.run.status, 0, describeRun(r));
      const own = r.results.filter((x) => x.checkId.startsWith('webhook.case.'));
      assert.deepEqual([...new Set(own.map((x) => x.caseId))].sort(), ['user:no-device-data', 'user:thermostat-single-hub']);
      assert.ok(own.every((x) => x.outcome === 'passed'), JSON.stringify(own.filter((x) => x.outcome !== 'passed')));
    } finally {
      await webhook.close();
    }
  });
});
