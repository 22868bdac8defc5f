import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPolicyWebhook, type PolicyWebhookName } from '../fixtures/webhooks/policy-webhooks.js';
import { readFileSync } from 'node:fs';
import { CONTOSO_PROFILE } from '../fixtures/webhooks/contoso-profile.js';
import { MODEL_ID_PROFILE } from '../fixtures/webhooks/model-id-profile.js';
import { repoRoot } from '../helpers/run-cli.js';
import { describeRun, runWebhookCli, type WebhookCliRun } from './run-webhook-cli.js';

const CONTOSO_CASES = {
  version: 1,
  cases: [
    {
      id: 'toaster',
      registrationId: 'breakroom499-contoso-tstrsd-007',
      linkedHubs: ['contoso-toasters-hub-1001.azure-devices.net', 'contoso-heatpumps-hub-1002.azure-devices.net'],
      payload: { modelId: 'dtmi:contoso:toaster;1' },
      expect: { iotHubHostName: 'contoso-toasters-hub-1001.azure-devices.net' },
    },
    {
      id: 'heatpump',
      registrationId: 'mainbuilding167-contoso-hpsd-088',
      linkedHubs: ['contoso-heatpumps-hub-1002.azure-devices.net'],
      expect: { refused: false },
    },
    { id: 'stranger', registrationId: 'unknown-device-001', expect: { refused: true } },
  ],
};

const failedIds = (r: WebhookCliRun): string[] =>
  [...new Set(r.results.filter((x) => x.outcome === 'failed' || x.outcome === 'errored').map((x) => x.checkId))].sort();

describe('webhook command against realistic policy webhooks (test/fixtures/webhooks/policy-webhooks.ts)', function () {
  this.timeout(120_000);
  let dir: string;
  let profile: string;
  let modelIdProfile: string;
  let cases: string;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-policy-'));
    profile = join(dir, 'contoso.profile.json');
    cases = join(dir, 'contoso.cases.json');
    await writeFile(profile, JSON.stringify(CONTOSO_PROFILE));
    modelIdProfile = join(dir, 'foo.profile.json');
    await writeFile(modelIdProfile, JSON.stringify(MODEL_ID_PROFILE));
    await writeFile(cases, JSON.stringify(CONTOSO_CASES));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function run(name: PolicyWebhookName, args: string[] = []): Promise<WebhookCliRun> {
    const webhook = await startPolicyWebhook(name);
    try {
      return await runWebhookCli(['--url', webhook.url, ...args]);
    } finally {
      await webhook.close();
    }
  }

  it('the docs-sample policy without a profile: one failure per dialect, with advice, and no MUST failure for a refusal', async () => {
    const r = await run('contoso-policy', ['--dialect', 'all']);
    assert.equal(r.run.status, 1, describeRun(r));
    assert.deepEqual(failedIds(r), ['webhook.allocation.accepts'], describeRun(r));
    const accepts = r.results.filter((x) => x.checkId === 'webhook.allocation.accepts');
    assert.equal(accepts.length, 2);
    for (const a of accepts) {
      assert.equal(a.caseId, 'all-cases', 'a run-wide check names no case');
      assert.match(a.message, /--profile/);
      assert.match(a.message, /--cases/);
      assert.ok(a.message.includes('Unrecognized device registration.'), a.message);
    }
    const hub = r.results.find((x) => x.checkId === 'webhook.response.hub' && x.caseId === 'data-flat');
    assert.equal(hub?.outcome, 'skipped');
    assert.ok(
      hub?.message.includes('refused by the webhook: HTTP 400 "Unrecognized device registration."'),
      hub?.message,
    );
    assert.ok(r.results.filter((x) => x.checkId === 'webhook.contract.pact').every((x) => x.outcome === 'skipped'));
    assert.equal((r.summary.match(/^#### /gm) ?? []).length, 1, 'summary.md: one block for the one cause');
    assert.match(r.summary, /#### 1\. webhook\.allocation\.accepts · MUST · failed · refuses-everything\n/);
    assert.match(r.summary, /\n\S+ · run-wide · http · ga, preview · 2 results\n/, 'the one cause covers both dialects, run-wide');
  });

  it('the docs-sample policy with a profile and a case file: exit 0, the refused and accepted expectations pass', async () => {
    const r = await run('contoso-policy', ['--profile', profile, '--cases', cases]);
    assert.equal(r.run.status, 0, describeRun(r));
    const outcome = (checkId: string, caseId: string): string | undefined =>
      r.results.find((x) => x.checkId === checkId && x.caseId === caseId)?.outcome;
    assert.equal(outcome('webhook.case.refused', 'user:stranger'), 'passed');
    assert.equal(outcome('webhook.case.refused', 'user:heatpump'), 'passed');
    assert.equal(outcome('webhook.case.hub', 'user:toaster'), 'passed');
    assert.ok(
      r.results.filter((x) => x.checkId === 'webhook.contract.pact').every((x) => x.outcome === 'passed'),
      'the profile reaches the Pact interactions',
    );
    assert.ok(r.results.filter((x) => x.checkId === 'webhook.robustness.variant').every((x) => x.outcome === 'passed'));
    assert.ok(r.results.some((x) => x.checkId === 'webhook.robustness.variant'));
  });

  it('the IoT Plug and Play router with its modelId profile: exit 0, every case with object data sends its model', async () => {
    const r = await run('model-id-router', ['--profile', modelIdProfile]);
    assert.equal(r.run.status, 0, describeRun(r));
    const outcome = (checkId: string, caseId: string): string | undefined =>
      r.results.find((x) => x.checkId === checkId && x.caseId === caseId)?.outcome;
    // the cases that carried a model of their own now send the profile's, and are judged as accepted devices
    for (const id of ['pnp-model-id', 'pnp-model-id-and-more', 'pnp-model-id-x509-many-hubs', 'size-near-limit']) {
      assert.equal(outcome('webhook.response.hub', id), 'passed', id);
    }
    for (const id of ['pnp-model-id', 'pnp-model-id-and-more', 'size-near-limit']) assert.equal(outcome('webhook.robustness.variant', id), 'passed', id);
    assert.equal(outcome('webhook.allocation.accepts', 'all-cases'), 'passed');
    const pact = r.results.filter((x) => x.checkId === 'webhook.contract.pact');
    assert.equal(pact.filter((x) => x.outcome === 'passed').length, 5, 'the interactions with device data send the profile\'s model and pass');
    assert.ok(pact.every((x) => x.outcome === 'passed' || /refused by the webhook: HTTP 400 "Payload is not provided/.test(x.message)));
  });

  it('the IoT Plug and Play router without a profile: exit 1, webhook.allocation.accepts fails with the --profile advice', async () => {
    const r = await run('model-id-router');
    assert.equal(r.run.status, 1, describeRun(r));
    assert.deepEqual(failedIds(r), ['webhook.allocation.accepts'], describeRun(r));
    const accepts = r.results.find((x) => x.checkId === 'webhook.allocation.accepts');
    assert.match(accepts?.message ?? '', /give --profile FILE/);
  });

  it('README.md and docs/webhook-profiles.md show the modelId profile the tests use', () => {
    for (const doc of ['README.md', 'docs/webhook-profiles.md']) {
      const text = readFileSync(join(repoRoot, doc), 'utf8');
      const shown = [...text.matchAll(/```json\n([^`]*dtmi:contoso:foo;1[^`]*)```/g)].map((m) => JSON.parse(m[1] ?? '') as unknown);
      assert.deepEqual(shown, [MODEL_ID_PROFILE], doc);
    }
  });

  it('a GA Function run with no --dialect is tested in ga, the request DPS documents: exit 0', async () => {
    const r = await run('ga-payload-function');
    assert.equal(r.run.status, 0, describeRun(r));
    assert.deepEqual([...new Set(r.results.map((x) => x.dialect))], ['ga']);
    assert.deepEqual(failedIds(r), ['webhook.response.contentType'], 'its hand-serialised JSON is labelled text/plain: a SHOULD');
    assert.doesNotMatch(r.summary, /harness's model/, 'no preview, no preview note');
  });

  it('the same GA Function with --dialect all: the preview half is refused whole, and the reports say why', async () => {
    const r = await run('ga-payload-function', ['--dialect', 'all']);
    assert.equal(r.run.status, 1, describeRun(r));
    const accepts = r.results.filter((x) => x.checkId === 'webhook.allocation.accepts');
    assert.deepEqual(accepts.map((x) => `${x.dialect} ${x.outcome}`).sort(), ['ga passed', 'preview failed']);
    const preview = accepts.find((x) => x.dialect === 'preview');
    assert.match(preview?.message ?? '', /the preview dialect's webhook request \(deviceRuntimeContext\.data\) is the harness's model of the 2019 preview, not a documented DPS shape/);
    assert.match(r.summary, /> ℹ️ preview: the webhook request of the preview dialect \(deviceRuntimeContext\.data\) is the harness's model of the 2019 preview/);
    assert.match(r.run.stdout, /note: preview: the webhook request of the preview dialect/, 'the console says it too');
  });

  it('one initialTwin defect is one cause: webhook.response.initialTwin fails, the schema and Pact checks do not count it again', async () => {
    const r = await run('twin-desired-misplaced');
    assert.equal(r.run.status, 1, describeRun(r));
    assert.deepEqual(failedIds(r), ['webhook.response.initialTwin'], describeRun(r));
    const twin = r.results.filter((x) => x.checkId === 'webhook.response.initialTwin' && x.outcome === 'failed');
    assert.ok(twin.length > 30, `every accepted case: ${twin.length}`);
    assert.ok(twin.every((x) => x.extra['mismatch'] === 'initial-twin-shape'));
    assert.match(twin[0]?.message ?? '', /got \/initialTwin\/desired: unexpected member "desired" \(not allowed here\)$/);
    assert.doesNotMatch(twin[0]?.message ?? '', /expected null/, 'names what is wrong only');
    assert.ok(r.results.filter((x) => x.checkId === 'webhook.response.schema').every((x) => x.outcome !== 'failed'));
    assert.ok(r.results.filter((x) => x.checkId === 'webhook.contract.pact').every((x) => x.outcome === 'skipped' && /not judged here: its answer has the defect webhook\.response\.initialTwin/.test(x.message)));
    assert.equal((r.summary.match(/^#### /gm) ?? []).length, 1, 'summary.md: one block for the one defect');
  });

  it('a user case the policy refuses is one failed result that says it was refused, its content checks not reached', async () => {
    const file = join(dir, 'refused.cases.json');
    await writeFile(
      file,
      JSON.stringify({
        version: 1,
        cases: [
          {
            id: 'stranger-expecting-a-hub',
            registrationId: 'unknown-device-001',
            linkedHubs: ['contoso-toasters-hub-1001.azure-devices.net'],
            expect: { iotHubHostName: 'contoso-toasters-hub-1001.azure-devices.net', returnData: { a: 1 }, initialTwin: { tags: {} } },
          },
        ],
      }),
    );
    const r = await run('contoso-policy', ['--profile', profile, '--cases', file]);
    assert.equal(r.run.status, 1, describeRun(r));
    const own = r.results.filter((x) => x.caseId === 'user:stranger-expecting-a-hub');
    const failed = own.filter((x) => x.outcome === 'failed');
    assert.deepEqual(failed.map((x) => x.checkId), ['webhook.case.refused'], describeRun(r));
    assert.match(failed[0]?.message ?? '', /expected the webhook to accept this device \(the case expects a hub, data or a twin\), got it refused by the webhook: HTTP 400 "Unrecognized device registration\."/);
    for (const id of ['webhook.case.hub', 'webhook.case.returnData', 'webhook.case.initialTwin']) {
      const result = own.find((x) => x.checkId === id);
      assert.equal(result?.outcome, 'skipped', id);
      assert.equal(result?.extra['blockedBy'], 'webhook.case.refused', id);
    }
  });

  it('a refused-expectation fails against a webhook that accepts the device', async () => {
    const r = await run('random-hub', ['--cases', cases]);
    assert.equal(r.run.status, 1, describeRun(r));
    const refused = r.results.find((x) => x.checkId === 'webhook.case.refused' && x.caseId === 'user:stranger');
    assert.equal(refused?.outcome, 'failed');
    assert.match(refused?.message ?? '', /expected the webhook to refuse/);
  });

  it('the policy with a data-shape bug (400 on any non-ASCII) fails webhook.robustness.variant on the text cases only', async () => {
    const r = await run('contoso-policy-ascii-only', ['--profile', profile]);
    assert.equal(r.run.status, 1, describeRun(r));
    assert.deepEqual(failedIds(r), ['webhook.robustness.variant'], describeRun(r));
    const failed = r.results.filter((x) => x.checkId === 'webhook.robustness.variant' && x.outcome === 'failed');
    assert.ok(
      failed.length >= 5 && failed.every((x) => x.caseId.startsWith('text-')),
      failed.map((x) => x.caseId).join(),
    );
    assert.ok(
      failed.every(
        (x) => x.message.includes('group-symkey-initial') && x.message.includes('Invalid characters in payload.'),
      ),
    );
    assert.match(r.summary, /#### 1\. webhook\.robustness\.variant · MUST · failed · refused-variant\n/);
    assert.match(r.summary, new RegExp(`\\n\\S+ · ${failed.length} cases · http · ga · ${failed.length} results\\n`), 'one cause lists its cases');
    assert.match(r.summary, /- cases \(\d+\): text-accents /);
    assert.match(r.summary, /"name": "Café Müller"/, 'summary.md shows the device data that was refused');
  });

  it('a webhook that refuses everything fails webhook.allocation.accepts, even with a profile', async () => {
    const r = await run('refuses-everything', ['--profile', profile]);
    assert.equal(r.run.status, 1, describeRun(r));
    assert.deepEqual(failedIds(r), ['webhook.allocation.accepts'], describeRun(r));
  });

  it('a webhook that requires payload.modelId and refuses devices without it passes', async () => {
    const r = await run('model-id-required');
    assert.equal(r.run.status, 0, describeRun(r));
    assert.equal(
      r.results.find((x) => x.checkId === 'webhook.response.status' && x.caseId === 'data-absent')?.outcome,
      'passed',
    );
    assert.ok(
      r.results.filter((x) => x.checkId === 'webhook.robustness.variant').every((x) => x.outcome === 'skipped'),
      'without a profile its baseline is refused',
    );
  });

  it('a naive webhook that crashes (500) without a payload fails webhook.response.status with what DPS does', async () => {
    const r = await run('crashes-without-payload');
    assert.equal(r.run.status, 1, describeRun(r));
    const status = r.results.filter((x) => x.checkId === 'webhook.response.status' && x.outcome === 'failed');
    assert.deepEqual(status.map((x) => x.caseId).sort(), [
      'data-absent',
      'data-absent-reprovision',
      'unknown-fields-everywhere',
    ]);
    assert.ok(
      status.every((x) => /DPS retries/.test(x.message) && /assigning/.test(x.message)),
      status[0]?.message,
    );
  });

  it('a webhook that picks a random linked hub fails the SHOULD webhook.allocation.stable only (exit 0)', async () => {
    const r = await run('random-hub');
    assert.equal(r.run.status, 0, describeRun(r));
    assert.deepEqual(failedIds(r), ['webhook.allocation.stable'], describeRun(r));
    assert.equal(
      r.results.find((x) => x.checkId === 'webhook.allocation.stable' && x.caseId === 'one-linked-hub')?.outcome,
      'skipped',
    );
  });

  it('correct JSON labelled text/plain fails only the SHOULD webhook.response.contentType (exit 0), Pact included', async () => {
    const r = await run('json-as-text-plain');
    assert.equal(r.run.status, 0, describeRun(r));
    assert.deepEqual(failedIds(r), ['webhook.response.contentType'], describeRun(r));
    assert.ok(r.results.filter((x) => x.checkId === 'webhook.contract.pact').every((x) => x.outcome === 'passed'));
  });
});
