import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHarnessError } from '../../src/errors/harness-error.js';
import { loadWebhookProfile } from '../../src/webhook-profile/load-webhook-profile.js';
import { profileDeviceData } from '../../src/webhook-profile/profile-device-data.js';
import { NEAR_LIMIT_REQUEST_BYTES } from '../../suites/corpus/near-limit-case.js';
import { expandRegistrationId } from '../../src/webhook-profile/webhook-profile.js';
import { planWebhookRun } from '../../suites/webhook/plan-webhook-run.js';
import { loadUserCases } from '../../suites/webhook/load-user-cases.js';
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

  it('adds payload members to object data without touching its digits; other data is left alone', () => {
    assert.deepEqual(profileDeviceData('{"big":12345678901234567890,"e":1E3}', { modelId: 'm' }), {
      json: '{"modelId":"m","big":12345678901234567890,"e":1E3}',
    });
    assert.deepEqual(profileDeviceData(' { } ', { modelId: 'm' }), { json: '{"modelId":"m"}' });
    assert.deepEqual(profileDeviceData('[1]', { modelId: 'm' }), { json: '[1]' });
    assert.deepEqual(profileDeviceData(undefined, { modelId: 'm' }), { json: undefined });
    assert.deepEqual(profileDeviceData('{"modelId":"m"}', { modelId: 'm' }), { json: '{"modelId":"m"}' }, 'the same value: nothing changes');
  });

  it("replaces an example member with the profile's value, keeping the case's other members exactly", () => {
    assert.deepEqual(profileDeviceData('{"modelId":"dtmi:x;1","n":1.50,"big":12345678901234567890}', { modelId: 'dtmi:foo;1' }, ['modelId']), {
      json: '{"modelId":"dtmi:foo;1","n":1.50,"big":12345678901234567890}',
    });
  });

  it("reports a member that is the case's point, set otherwise by the profile, as a conflict (not applicable)", () => {
    const out = profileDeviceData('{"name":"Café Müller","modelId":"dtmi:x;1"}', { name: 'toaster', modelId: 'dtmi:foo;1' }, ['modelId']);
    assert.deepEqual(out, { conflicts: [{ member: 'name', caseValue: '"Café Müller"', profileValue: '"toaster"' }] });
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
    // the pnp cases' modelId is an example: the profile's devices send the profile's (a modelId router refuses others)
    for (const id of ['pnp-model-id', 'pnp-model-id-and-more', 'pnp-model-id-x509-many-hubs', 'size-near-limit'])
      for (const dialect of ['ga', 'preview'])
        assert.equal((data(id, dialect) as Record<string, unknown>)['modelId'], 'dtmi:contoso:toaster;1', `${id} (${dialect})`);
    assert.deepEqual((data('pnp-model-id-and-more') as Record<string, unknown>)['serialNumber'], 'SN-0042');
    // the near-limit case is built around the profile's devices: still near the limit with them
    for (const dialect of ['ga', 'preview']) {
      const near = runnable.find((c) => c.caseId === 'size-near-limit' && c.dialect === dialect);
      assert.ok(near && near.request.byteLength <= NEAR_LIMIT_REQUEST_BYTES && near.request.byteLength > NEAR_LIMIT_REQUEST_BYTES - 1200, `${dialect}: ${near?.request.byteLength}`);
    }
    const numbers = runnable.find((c) => c.caseId === 'numbers-beyond-2-53' && c.dialect === 'ga');
    assert.match(numbers?.request.text ?? '', /9007199254740993/);
  });

  it("reports a case whose point is a member the profile sets otherwise as not applicable, with the reason", () => {
    const plan = planWebhookRun({
      url: 'http://127.0.0.1:9/api',
      dialect: 'ga',
      timeoutMs: 1000,
      profile: file('name.json', { version: 1, payload: { name: 'toaster', modelId: 'dtmi:contoso:toaster;1' } }),
    });
    const accents = plan.cases.find((c) => c.caseId === 'text-accents');
    assert.equal(accents?.request, undefined);
    assert.match(accents?.skipReason ?? '', /^not applicable under this profile: the profile's payload sets "name" to "toaster" and this case's point is its own "Caf/);
    assert.ok(isRunnable(plan.cases.find((c) => c.caseId === 'pnp-model-id') ?? { caseId: '', dialect: 'ga', title: '' }), 'an example member is replaced, not a conflict');
    assert.deepEqual(plan.baselines.map((b) => b.caseId), ['group-symkey-initial']);
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

  it('one name for device data: a profile or a case file that says "data" is read as "payload", with a did-you-mean', () => {
    const warnings: string[] = [];
    const profile = loadWebhookProfile(file('data.json', { version: 1, data: { modelId: 'm' } }), (w) => warnings.push(w));
    assert.deepEqual(profile.payload, { modelId: 'm' });
    const cases = file('data.cases.json', { version: 1, cases: [{ id: 'c', payload: { a: 1 }, expect: { refused: false } }, { id: 'd', data: { big: 1 }, expect: { refused: false } }] });
    const planned = loadUserCases(cases, ['ga'], 'http://127.0.0.1:9/api', undefined, (w) => warnings.push(w));
    assert.match(planned.find((c) => c.caseId === 'user:d')?.request?.text ?? '', /"payload":\{"big":1\}/);
    assert.equal(warnings.length, 2, warnings.join('\n'));
    assert.match(warnings[0] ?? '', /data\.json: \/data: read as "payload" \(did you mean "payload"\?/);
    assert.match(warnings[1] ?? '', /data\.cases\.json: \/cases\/1\/data: read as "payload" \(did you mean "payload"\?/);
    assert.throws(
      () => loadWebhookProfile(file('both.json', { version: 1, data: {}, payload: {} })),
      (e: unknown) => isHarnessError(e) && /both "payload" and "data" given/.test(`${e.message} ${JSON.stringify(e)}`),
    );
    const both = file('both.cases.json', { version: 1, cases: [{ id: 'b', data: 1, payload: 2, expect: {} }, { id: 'x', expect: { nope: 1 } }] });
    assert.throws(
      () => loadUserCases(both, ['ga'], 'http://127.0.0.1:9/api'),
      (e: unknown) => {
        const said = isHarnessError(e) ? `${e.message} ${JSON.stringify(e)}` : '';
        return /\/cases\/0\/data: both "payload" and "data" given/.test(said) && /\/cases\/1\/expect\/nope/.test(said);
      },
      'both names and a schema mistake are said together',
    );
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
