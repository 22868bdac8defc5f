import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHarnessError } from '../../src/errors/harness-error.js';
import { loadWebhookProfile } from '../../src/webhook-profile/load-webhook-profile.js';
import { mergeDeviceDataJson } from '../../src/webhook-profile/merge-device-data.js';
import { expandRegistrationId } from '../../src/webhook-profile/webhook-profile.js';
import { planWebhookRun } from '../../suites/webhook/plan-webhook-run.js';
import { isRunnable } from '../../suites/webhook/planned-case.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const CONTOSO = {
  version: 1,
  registrationId: '{caseId}-contoso-tstrsd-007',
  linkedHubs: ['contoso-toasters-hub-1001.azure-devices.net'],
  enrollmentGroupId: 'contoso-toasters',
  payload: { modelId: 'dtmi:contoso:toaster;1' },
};

describe('webhook profiles (--profile)', () => {
  let dir: string;
  const file = (name: string, content: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpsc-profile-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('expands the registration ID template with the case id, lowercased and made valid', () => {
    assert.equal(expandRegistrationId('{caseId}-contoso-tstrsd-007', 'Data_Flat'), 'data_flat-contoso-tstrsd-007');
    assert.equal(expandRegistrationId('x-{caseId}', 'a b/c'), 'x-a-b-c');
  });

  it('adds payload members to object data without touching its digits; the case wins; other data is left alone', () => {
    assert.equal(
      mergeDeviceDataJson('{"big":12345678901234567890,"e":1E3}', { modelId: 'm' }),
      '{"modelId":"m","big":12345678901234567890,"e":1E3}',
    );
    assert.equal(mergeDeviceDataJson('{"modelId":"mine"}', { modelId: 'm' }), '{"modelId":"mine"}');
    assert.equal(mergeDeviceDataJson(' { } ', { modelId: 'm' }), '{"modelId":"m"}');
    assert.equal(mergeDeviceDataJson('[1]', { modelId: 'm' }), '[1]');
    assert.equal(mergeDeviceDataJson(undefined, { modelId: 'm' }), undefined);
  });

  it('applies to every corpus case: registration ID, hubs, group, payload; absent data stays absent', () => {
    const plan = planWebhookRun({
      url: 'http://127.0.0.1:9/api',
      dialect: 'all',
      timeoutMs: 1000,
      profile: file('p.json', CONTOSO),
    });
    const runnable = plan.cases.filter(isRunnable);
    assert.ok(runnable.length > 60);
    for (const planned of runnable) {
      const body = planned.request.body as {
        deviceRuntimeContext: Record<string, unknown>;
        linkedHubs: string[];
        enrollmentGroup?: { enrollmentGroupId: string };
      };
      assert.ok(String(body.deviceRuntimeContext['registrationId']).endsWith('-contoso-tstrsd-007'), planned.caseId);
      assert.deepEqual(body.linkedHubs, CONTOSO.linkedHubs);
      if (body.enrollmentGroup) assert.equal(body.enrollmentGroup.enrollmentGroupId, 'contoso-toasters');
    }
    const data = (id: string, dialect = 'ga'): unknown => {
      const found = runnable.find((c) => c.caseId === id && c.dialect === dialect);
      return (found?.request.body as { deviceRuntimeContext: Record<string, unknown> } | undefined)
        ?.deviceRuntimeContext[dialect === 'ga' ? 'payload' : 'data'];
    };
    assert.deepEqual(data('data-empty-object'), { modelId: 'dtmi:contoso:toaster;1' });
    assert.equal(data('data-absent'), undefined);
    assert.deepEqual(data('data-top-array', 'preview'), [1, 'two', { three: 3 }]);
    assert.equal((data('pnp-model-id') as Record<string, unknown>)['modelId'], 'dtmi:com:example:Thermostat;1');
    const numbers = runnable.find((c) => c.caseId === 'numbers-beyond-2-53' && c.dialect === 'ga');
    assert.match(numbers?.request.text ?? '', /9007199254740993/);
  });

  it('marks the baseline and its variants; no-data, reprovisioning and other-hub cases are no variants', () => {
    const plan = planWebhookRun({ url: 'http://127.0.0.1:9/api', dialect: 'ga', timeoutMs: 1000 });
    const relation = (id: string): string | undefined => plan.cases.find((c) => c.caseId === id)?.baseline?.differsIn;
    assert.deepEqual(
      plan.baselines.map((b) => b.caseId),
      ['group-symkey-initial'],
    );
    assert.equal(relation('group-symkey-initial'), undefined);
    assert.match(relation('text-cjk') ?? '', /device data \(text\)/);
    assert.match(relation('individual-tpm-initial') ?? '', /enrollment \(individual\) and its attestation \(tpm\)/);
    assert.match(relation('unknown-top-level-fields') ?? '', /unknown request members/);
    assert.match(relation('size-near-limit') ?? '', /size/);
    for (const id of ['data-absent', 'group-symkey-reprovision', 'many-linked-hubs'])
      assert.equal(relation(id), undefined, id);
  });

  it('rejects a bad profile with where it is wrong (exit 2, no stack)', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ version: 1, registrationID: 'x' }, /registrationID/],
      [{ version: 1, registrationId: '{caseId}-!!' }, /not a valid DPS registration ID/],
      [{ version: 1, linkedHubs: [] }, /linkedHubs/],
      ['{"version": 1,', /line 1/],
    ];
    for (const [content, pattern] of cases) {
      const path = file('bad.json', content);
      assert.throws(
        () => loadWebhookProfile(path),
        (e: unknown) => isHarnessError(e) && pattern.test(`${e.message} ${JSON.stringify(e)}`),
        String(content),
      );
    }
    const r = await runCliInProcess([
      'webhook',
      '--url',
      'http://127.0.0.1:9/api',
      '--profile',
      file('bad.json', { version: 1, extra: true }),
      '--out',
      join(dir, 'out'),
    ]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /extra/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});
