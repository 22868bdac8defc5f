import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { chooseHub } from '../../implementations/reference-webhook/choose-hub.js';
import { registrationIdFor } from '../../suites/corpus/corpus-case.js';
import { describeRun, runWebhookCli } from './run-webhook-cli.js';

const HUBS = ['hub-a.azure-devices.net', 'hub-b.azure-devices.net', 'hub-c.azure-devices.net'];

describe('webhook --cases (user cases)', function () {
  this.timeout(60_000);
  let webhook: RunningWebhook;
  let dir: string;
  before(async () => {
    webhook = await startReferenceWebhook();
    dir = await mkdtemp(join(tmpdir(), 'dpsc-cases-'));
  });
  after(async () => {
    await webhook.close();
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, content: unknown): Promise<string> => {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  };
  const hubFor = (id: string): string => chooseHub(registrationIdFor({ id }), HUBS);

  it('passes the case checks when the webhook answers as the cases expect', async () => {
    const file = await write('good.json', {
      version: 1,
      cases: [
        { id: 'thermostat', dialect: 'ga', linkedHubs: HUBS, payload: { modelId: 'dtmi:com:example:Thermostat;1' }, expect: { iotHubHostName: hubFor('thermostat'), returnData: { modelId: 'dtmi:com:example:Thermostat;1' } } },
        { id: 'schema-only', dialect: 'ga', linkedHubs: HUBS, payload: { n: 1 }, expect: { returnDataSchema: { type: 'object', required: ['n'] } } },
        { id: 'preview-text', dialect: 'preview', payload: [1, 2], expect: { returnData: '[1,2]' } },
        { id: 'any-hub', linkedHubs: HUBS, expect: { iotHubHostName: hubFor('any-hub') } },
      ],
    });
    const r = await runWebhookCli(['--url', webhook.url, '--cases', file, '--dialect', 'all']);
    assert.equal(r.run.status, 0, describeRun(r));
    const caseResults = r.results.filter((x) => x.checkId.startsWith('webhook.case.'));
    assert.deepEqual(caseResults.map((x) => `${x.checkId} ${x.caseId} ${x.dialect} ${x.outcome}`).sort(), [
      'webhook.case.hub user:any-hub ga passed',
      'webhook.case.hub user:any-hub preview passed',
      'webhook.case.hub user:thermostat ga passed',
      // an expected hub or data expects an accepted device: webhook.case.refused judges that once
      'webhook.case.refused user:any-hub ga passed',
      'webhook.case.refused user:any-hub preview passed',
      'webhook.case.refused user:preview-text preview passed',
      'webhook.case.refused user:schema-only ga passed',
      'webhook.case.refused user:thermostat ga passed',
      'webhook.case.returnData user:preview-text preview passed',
      'webhook.case.returnData user:schema-only ga passed',
      'webhook.case.returnData user:thermostat ga passed',
    ]);
  });

  it('fails webhook.case.hub, webhook.case.returnData and webhook.case.initialTwin when the answer differs', async () => {
    const wrongHub = HUBS.find((h) => h !== hubFor('moved')) ?? '';
    const file = await write('bad.json', {
      version: 1,
      cases: [
        { id: 'moved', linkedHubs: HUBS, expect: { iotHubHostName: wrongHub } },
        { id: 'echo', payload: { a: 1 }, expect: { returnData: { a: 2 } } },
        { id: 'needs-b', payload: { a: 1 }, expect: { returnDataSchema: { type: 'object', required: ['b'] } } },
        { id: 'twin', expect: { initialTwin: { tags: { x: 1 } } } },
      ],
    });
    const r = await runWebhookCli(['--url', webhook.url, '--cases', file]);
    assert.equal(r.run.status, 1, describeRun(r));
    const failed = r.results.filter((x) => x.outcome === 'failed').map((x) => `${x.checkId} ${x.caseId}`).sort();
    assert.deepEqual(failed, ['webhook.case.hub user:moved', 'webhook.case.initialTwin user:twin', 'webhook.case.returnData user:echo', 'webhook.case.returnData user:needs-b']);
    const hubFailure = r.results.find((x) => x.checkId === 'webhook.case.hub');
    assert.match(hubFailure?.message ?? '', new RegExp(`user:moved \\(ga\\): expected iotHubHostName "${wrongHub}", got a string`));
  });

  it('is exit 2 with line and column for a file that is not JSON', async () => {
    const file = await write('syntax.json', '{\n  "version": 1,\n  "cases": [ { "id": "x", } ]\n}\n');
    const r = await runWebhookCli(['--url', webhook.url, '--cases', file]);
    assert.equal(r.run.status, 2);
    assert.match(r.run.stderr, /line 3, column \d+/);
  });

  it('is exit 2 with the JSON pointer of a schema mistake, a duplicate id, a bad schema or ga data that is not an object', async () => {
    const file = await write('invalid.json', {
      version: 1,
      cases: [
        { id: 'a', expect: { iotHubHostNam: 'x' } },
        { id: 'b', expect: {} },
        { id: 'b', expect: {} },
        { id: 'c', expect: { returnDataSchema: { type: 'no-such-type' } } },
        { id: 'd', data: [1], expect: {} },
      ],
    });
    const schema = await runWebhookCli(['--url', webhook.url, '--cases', file]);
    assert.equal(schema.run.status, 2);
    assert.match(schema.run.stderr, /\/cases\/0\/expect\/iotHubHostNam/);
    const fixed = await write('invalid2.json', {
      version: 1,
      cases: [
        { id: 'b', expect: {} },
        { id: 'b', expect: {} },
        { id: 'c', expect: { returnDataSchema: { type: 'no-such-type' } } },
        { id: 'd', data: [1], expect: {} },
      ],
    });
    const rest = await runWebhookCli(['--url', webhook.url, '--cases', fixed]);
    assert.equal(rest.run.status, 2);
    assert.match(rest.run.stderr, /\/cases\/1\/id: duplicate id "b"/);
    assert.match(rest.run.stderr, /\/cases\/2\/expect\/returnDataSchema: not a valid JSON Schema/);
    assert.match(rest.run.stderr, /\/cases\/3\/data: the ga allocation request built from this case is invalid/);
    assert.match(rest.run.stderr, /warning: .*\/cases\/3\/data: read as "payload" \(did you mean "payload"\?/, 'the old name is read, and said');
  });
});
