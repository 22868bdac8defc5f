import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { otherDialectMembers } from '../../src/schemas/other-dialect-members.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('validate warns when a document uses the other dialect\'s member', function () {
  this.timeout(30_000);
  const dir = mkdtempSync(join(tmpdir(), 'dpsc-validate-dialect-'));
  const file = (name: string, value: unknown): string => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(value));
    return path;
  };

  it('finds the other vocabulary where each dialect keeps its data', () => {
    assert.deepEqual(otherDialectMembers({ iotHubHostName: 'h', returnData: 'x' }, 'ga'), ['/returnData']);
    assert.deepEqual(otherDialectMembers({ registrationId: 'r', data: { a: 1 } }, 'ga'), ['/data']);
    assert.deepEqual(otherDialectMembers({ deviceRuntimeContext: { data: 1 } }, 'ga'), ['/deviceRuntimeContext/data']);
    assert.deepEqual(otherDialectMembers({ status: 'assigned', registrationState: { payload: {} } }, 'preview'), ['/registrationState/payload']);
    assert.deepEqual(otherDialectMembers({ iotHubHostName: 'h', payload: {} }, 'ga'), [], 'its own member is fine');
  });

  it('a preview returnData checked as ga passes with a warning; a ga document gets none', async () => {
    const preview = await runCliInProcess(['validate', 'allocation-response', file('preview.json', { iotHubHostName: 'hub-1.azure-devices.net', returnData: '{"a":1}' })]);
    assert.equal(preview.status, 0, preview.stderr);
    assert.match(preview.stderr, /^warning: \/returnData is a member of the preview dialect; ga uses `payload`/m);
    const ga = await runCliInProcess(['validate', 'allocation-response', file('ga.json', { iotHubHostName: 'hub-1.azure-devices.net', payload: { a: 1 } })]);
    assert.equal(ga.status, 0, ga.stderr);
    assert.equal(ga.stderr, '');
  });
});
