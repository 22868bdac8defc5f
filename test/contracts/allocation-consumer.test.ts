import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webhookContract } from '../../contracts/definitions/webhook-contract.js';
import type { ContractDefinition } from '../../contracts/definitions/index.js';
import { generateContracts } from '../../src/contracts/generate-contracts.js';

/**
 * The webhook contracts' consumer test drives the emulator's own webhook call (src/contracts/allocation-consumer.ts)
 * against Pact's mock server: these tests show it is that code, not the contract's example, that is checked.
 */
describe("contracts: the webhook contract's consumer is the emulator's webhook call", () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpsc-allocation-consumer-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('every webhook interaction names the registration the emulator calls the webhook for', () => {
    for (const dialect of ['ga', 'preview'] as const) {
      for (const interaction of webhookContract(dialect).interactions) assert.ok(interaction.allocation, interaction.description);
    }
  });

  it('the emulator’s request for each registration meets both dialects’ contracts', async () => {
    const written = await generateContracts(dir, [webhookContract('ga'), webhookContract('preview')]);
    assert.equal(written.length, 2);
    const pact = JSON.parse(readFileSync(written[0] ?? '', 'utf8')) as { interactions: unknown[] };
    assert.equal(pact.interactions.length, webhookContract('ga').interactions.length);
  });

  it('fails when the emulator would send other device data than the contract shows', async () => {
    const contract = webhookContract('ga');
    const withData = contract.interactions.find((i) => i.allocation?.deviceDataJson !== undefined);
    assert.ok(withData?.allocation);
    withData.allocation = { ...withData.allocation, deviceDataJson: '{"modelId":"dtmi:com:example:Other;1"}' };
    await assert.rejects(generateContracts(dir, [contract]), (error: Error) => {
      assert.match(error.message, /Mock server failed with the following mismatches/);
      assert.match(error.message, /\$\.deviceRuntimeContext\.payload\.modelId: Expected 'dtmi:com:example:Other;1'/);
      return true;
    });
  });

  it("fails when the emulator's request is the other dialect's (device data under `payload` where the contract says `data`)", async () => {
    const preview = webhookContract('preview');
    const asGa: ContractDefinition = { ...preview, dialect: 'ga', interactions: preview.interactions.filter((i) => i.allocation?.deviceDataJson !== undefined).slice(0, 1) };
    assert.equal(asGa.interactions.length, 1);
    await assert.rejects(generateContracts(dir, [asGa]), /\$\.deviceRuntimeContext: Expected a Map with keys \[[^\]]*\bdata\b[^\]]*\] but received one with keys \[[^\]]*\bpayload\b/);
  });
});
