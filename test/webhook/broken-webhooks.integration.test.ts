import assert from 'node:assert/strict';
import { BROKEN_WEBHOOKS } from '../fixtures/webhooks/broken-webhooks.js';
import { startFixtureWebhook } from '../fixtures/webhooks/start-fixture-webhook.js';
import { describeRun, runWebhookCli } from './run-webhook-cli.js';

describe('webhook command against deliberately broken webhooks', function () {
  this.timeout(90_000);

  for (const broken of BROKEN_WEBHOOKS) {
    it(`${broken.name} (${broken.defect}) fails ${broken.failsCheck}`, async () => {
      const webhook = await startFixtureWebhook(broken);
      try {
        const r = await runWebhookCli(['--url', webhook.url, '--dialect', broken.dialect, ...(broken.args ?? [])]);
        assert.equal(r.run.status, broken.exitStatus, describeRun(r));
        const caught = r.results.filter((x) => x.checkId === broken.failsCheck && x.outcome === 'failed');
        assert.ok(caught.length > 0, `expected ${broken.failsCheck} to fail; ${describeRun(r)}`);
        for (const result of caught) {
          assert.ok(result.message.includes(result.caseId === 'all-cases' ? 'run-wide' : result.caseId), `the message names the case: ${result.message}`);
          assert.ok(!result.message.includes('\n'), `one line: ${result.message}`);
        }
        assert.ok(r.summary.includes(broken.failsCheck), 'summary.md names the failed check');
        assert.ok(!r.ctrfText.includes('fixture-key-1234'), 'the function key never reaches the report');
      } finally {
        await webhook.close();
      }
    });
  }
});
