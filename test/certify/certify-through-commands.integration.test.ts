import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROKEN_WEBHOOKS } from '../fixtures/webhooks/broken-webhooks.js';
import { startFixtureWebhook } from '../fixtures/webhooks/start-fixture-webhook.js';
import type { RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  extra: { checkId: string; level: string; outcome: string; transport: string; waived?: { reason: string } };
}

const readTests = (out: string): CtrfTest[] => (ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;

/**
 * `--waivers`, `--sign` and `--declare` as a vendor uses them: through the commands that run checks,
 * not only as library functions.
 */
describe('self-certification through the commands (built CLI)', function () {
  this.timeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'dpsc-certify-cli-'));
  let webhook: RunningWebhook;
  const keys = generateKeyPairSync('ed25519');
  const privateKey = join(dir, 'vendor.key.pem');
  const publicKey = join(dir, 'vendor.pub.pem');
  writeFileSync(privateKey, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicKey, keys.publicKey.export({ type: 'spki', format: 'pem' }));

  before(async () => {
    const broken = BROKEN_WEBHOOKS.find((b) => b.name === 'bad-initial-twin');
    assert.ok(broken, 'the bad-initial-twin fixture exists');
    webhook = await startFixtureWebhook(broken);
  });
  after(() => webhook.close());

  it('a waived failure no longer blocks (exit 0), shows as waived, and the signed statement verifies', async () => {
    const waivers = join(dir, 'waivers.json');
    // the misplaced `desired` breaks the schema and the initialTwin shape: both are waived
    const waiver = (checkId: string): object => ({ checkId, reason: 'twin fix ships in 2.1', expires: '2099-12-31' });
    writeFileSync(waivers, JSON.stringify({ version: 1, waivers: [waiver('webhook.response.initialTwin'), waiver('webhook.response.schema')] }));
    const out = join(dir, 'waived');
    const run = await runCliInProcess(['webhook', '--url', webhook.url, '--waivers', waivers, '--sign', privateKey, '--out', out, '--reporter', 'quiet'], { timeoutMs: 120_000 });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const waived = readTests(out).filter((t) => t.extra.waived);
    assert.ok(waived.length > 0 && waived.every((t) => t.extra.checkId.startsWith('webhook.response.') && t.extra.waived?.reason === 'twin fix ships in 2.1'));
    assert.ok(waived.some((t) => t.extra.checkId === 'webhook.response.initialTwin'));
    const verify = await runCliInProcess(['verify-report', join(out, 'attestation.json'), '--public-key', publicKey]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  });

  it('an expired waiver does not apply (exit 1) and is named on stderr', async () => {
    const waivers = join(dir, 'expired.json');
    writeFileSync(waivers, JSON.stringify({ version: 1, waivers: [{ checkId: 'webhook.response.initialTwin', reason: 'old', expires: '2001-01-01' }] }));
    const out = join(dir, 'expired');
    const run = await runCliInProcess(['webhook', '--url', webhook.url, '--waivers', waivers, '--out', out, '--reporter', 'quiet'], { timeoutMs: 120_000 });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /expired/i);
    assert.ok(readTests(out).every((t) => !t.extra.waived));
  });

  it('a bad signing key or waiver file is exit 2 before the webhook is called', async () => {
    const badKey = join(dir, 'bad.pem');
    writeFileSync(badKey, 'not a key');
    const run = await runCliInProcess(['webhook', '--url', webhook.url, '--sign', badKey, '--out', join(dir, 'bad-key')]);
    assert.equal(run.status, 2);
    const badWaivers = join(dir, 'bad-waivers.json');
    writeFileSync(badWaivers, '{"version": 1, "waivers": [ {"checkId": "x"} ]}');
    const run2 = await runCliInProcess(['webhook', '--url', webhook.url, '--waivers', badWaivers, '--out', join(dir, 'bad-waivers')]);
    assert.equal(run2.status, 2);
    assert.match(run2.stderr, /waivers/);
  });

  it('a declared transport the device does not claim is an errored MUST result, and only declared transports run', async () => {
    const declaration = join(dir, 'declare.json');
    writeFileSync(
      declaration,
      JSON.stringify({
        implementation: { name: 'scripted', version: '1.0.0' },
        dialects: ['ga'],
        transports: ['https', 'amqp'],
        attestations: ['symmetricKey'],
      }),
    );
    const out = join(dir, 'declared');
    const run = await runCliInProcess(
      // the scripted adapter claims https only (the reference device claims every transport the emulator serves)
      ['device', '--adapter', 'node dist/test/fixtures/adapters/scripted-adapter.js ok', '--declare', declaration, '--case-ids', 'pnp-model-id', '--out', out, '--reporter', 'quiet'],
      { timeoutMs: 120_000 },
    );
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const tests = readTests(out);
    assert.ok(tests.some((t) => t.extra.checkId === 'declaration.transport' && t.extra.outcome === 'errored'));
    const transports = new Set(tests.filter((t) => t.extra.checkId.startsWith('device.')).map((t) => t.extra.transport));
    assert.deepEqual([...transports], ['https']);
  });
});
