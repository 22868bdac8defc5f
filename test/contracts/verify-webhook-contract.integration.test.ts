import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { committedPactsDir } from '../../src/contracts/committed-pacts.js';
import { readPactFile } from '../../src/contracts/pact-file.js';
import { prewarmWebhookVerifier } from '../../src/contracts/verify-webhook-process.js';
import { verifyWebhookContract } from '../../src/contracts/verify-webhook-contract.js';
import { startContractWebhook, type ContractWebhook } from './fixtures/contract-webhooks.js';

const GA_PACT = join(committedPactsDir(), 'dps-ga-allocation-webhook-ga.json');

/** Descriptions of the ga interactions whose device sent data (the ones a webhook may answer with data). */
function gaInteractionsWithData(): string[] {
  return readPactFile(GA_PACT)
    .interactions.filter((i) => (i.request.body?.content as { deviceRuntimeContext?: { payload?: unknown } }).deviceRuntimeContext?.payload !== undefined)
    .map((i) => i.description)
    .sort();
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('contracts: verifyWebhookContract', function () {
  this.timeout(60_000);
  let webhook: ContractWebhook | undefined;

  afterEach(async () => {
    await webhook?.close();
    webhook = undefined;
  });

  for (const dialect of ['ga', 'preview'] as const) {
    it(`passes every ${dialect} interaction of a correct webhook, at the URL's own path, with the function key`, async () => {
      webhook = await startContractWebhook('correct', { functionKey: 'contract-test-key-1234' });
      const results = await verifyWebhookContract(webhook.url, dialect, { functionKey: 'contract-test-key-1234' });
      assert.equal(results.length, 10);
      for (const result of results) assert.equal(result.outcome, 'passed', `${result.interaction}: ${result.message}`);
      assert.ok(webhook.requests.length >= 10);
      for (const url of webhook.requests) assert.match(url, /^\/api\/allocate\?code=contract-test-key-1234$/);
      assert.doesNotMatch(JSON.stringify(results), /contract-test-key-1234/);
    });
  }

  it('verifies with a child forked ahead of the job (prewarmed) the same way', async () => {
    prewarmWebhookVerifier(1);
    webhook = await startContractWebhook('correct');
    const results = await verifyWebhookContract(webhook.url, 'ga');
    assert.equal(results.length, 10);
    for (const result of results) assert.equal(result.outcome, 'passed', `${result.interaction}: ${result.message}`);
  });

  it('fails exactly the ga interactions where a webhook returns payload as a string', async () => {
    webhook = await startContractWebhook('payload-as-string');
    const results = await verifyWebhookContract(webhook.url, 'ga');
    const failed = results.filter((r) => !r.passed);
    assert.deepEqual(failed.map((r) => r.interaction).sort(), gaInteractionsWithData());
    for (const result of failed) {
      assert.equal(result.outcome, 'failed');
      assert.match(result.message, /\/payload: expected a JSON object or null .*got a string/);
    }
  });

  it('passes the preview interactions of the same webhook (its returnData is a string)', async () => {
    webhook = await startContractWebhook('payload-as-string');
    const results = await verifyWebhookContract(webhook.url, 'preview');
    assert.ok(results.every((r) => r.passed));
  });

  it('fails every interaction of a webhook that answers a hub outside linkedHubs', async () => {
    webhook = await startContractWebhook('wrong-hub');
    const results = await verifyWebhookContract(webhook.url, 'ga');
    for (const result of results) {
      assert.equal(result.outcome, 'failed');
      assert.match(result.message, /\$\.iotHubHostName -> Expected 'not-linked\.azure-devices\.net'/);
    }
  });

  it('reports the wrong status first for a webhook that answers 500', async () => {
    webhook = await startContractWebhook('server-error');
    const results = await verifyWebhookContract(webhook.url, 'ga');
    for (const result of results) {
      assert.equal(result.outcome, 'failed');
      assert.match(result.message, /^contract mismatch: status: expected 200 but was 500/);
      assert.equal(result.evidence.response?.status, 500);
    }
  });

  it('fails with 401 when the function key is wrong, and never reports the key', async () => {
    webhook = await startContractWebhook('correct', { functionKey: 'the-right-key-5678' });
    const results = await verifyWebhookContract(`${webhook.url}?code=the-wrong-key-0000`, 'ga');
    for (const result of results) assert.match(result.message, /status: expected 200 but was 401/);
    assert.doesNotMatch(JSON.stringify(results), /the-wrong-key-0000/);
  });

  it('marks every interaction errored with a timeout when the webhook never answers', async () => {
    webhook = await startContractWebhook('hang');
    const results = await verifyWebhookContract(webhook.url, 'preview', { timeoutMs: 300 });
    assert.equal(results.length, 10);
    for (const result of results) {
      assert.equal(result.outcome, 'errored');
      assert.match(result.message, /timeout: no answer within 300 ms/);
    }
  });

  it('marks every interaction errored when nothing listens', async () => {
    const port = await freePort();
    const results = await verifyWebhookContract(`http://127.0.0.1:${port}/api/allocate`, 'ga');
    assert.equal(results.length, 10);
    for (const result of results) {
      assert.equal(result.outcome, 'errored');
      assert.match(result.message, /connection-refused/);
    }
  });
});
