import assert from 'node:assert/strict';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { loadCorpus } from '../../suites/corpus/load-corpus.js';
import { allocationRequestFor } from '../../suites/corpus/corpus-request.js';
import { callEvidence } from '../../suites/webhook/call-evidence.js';
import { WebhookCaller } from '../../suites/webhook/webhook-caller.js';
import { startPolicyWebhook } from '../fixtures/webhooks/policy-webhooks.js';

describe('the evidence tells whether a function key was sent', () => {
  it('false without a key, true with --function-key or a code= in the URL, false for the call the auth check makes without it', async () => {
    const webhook = await startPolicyWebhook('random-hub');
    const entry = loadCorpus().find((c) => c.id === 'data-flat') ?? assert.fail('data-flat');
    const request = allocationRequestFor(entry, 'ga');
    const sent = async (url: string, functionKey?: string, withKey?: boolean): Promise<unknown> => {
      const redactor = new SecretRedactor().add(functionKey);
      const target = { url: new URL(url), timeoutMs: 5000, redactor, implementation: { name: url } };
      const caller = new WebhookCaller(functionKey === undefined ? target : { ...target, functionKey });
      const call = await caller.call(request, withKey === undefined ? {} : { withKey });
      return (callEvidence(call, redactor) as { request: { functionKeySent: boolean } }).request.functionKeySent;
    };
    try {
      assert.equal(await sent(webhook.url), false, 'no key given: none sent');
      assert.equal(await sent(webhook.url, 'k-123'), true);
      assert.equal(await sent(`${webhook.url}?code=in-url`), true, 'a key in --url is sent too');
      assert.equal(await sent(webhook.url, 'k-123', false), false, 'the auth check calls without it');
    } finally {
      await webhook.close();
    }
  });
});
