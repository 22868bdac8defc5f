import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeclaration } from '../../src/certify/load-declaration.js';
import { loadWaivers } from '../../src/certify/load-waivers.js';
import { HarnessErrorCode, isHarnessError } from '../../src/errors/harness-error.js';

describe('loadDeclaration and loadWaivers', () => {
  let dir: string;
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dpsc-certify-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a valid declaration', () => {
    const declaration = { implementation: { name: 'acme-device', version: '2.1.0' }, dialects: ['ga'], transports: ['mqtt'], attestations: ['symmetricKey'] };
    assert.deepEqual(loadDeclaration(file('d.json', JSON.stringify(declaration))), declaration);
  });

  it('names the file and the JSON Pointer of each schema problem (exit 2)', () => {
    const path = file('d.json', JSON.stringify({ implementation: { name: 'x' }, dialects: ['ga'], transport: ['mqtt'] }));
    assert.throws(
      () => loadDeclaration(path),
      (e: unknown) =>
        isHarnessError(e) &&
        e.code === HarnessErrorCode.INVALID_CONFIG &&
        e.message.startsWith(`${path} is not a valid file`) &&
        e.message.includes('/transport: unexpected member "transport"') &&
        e.message.includes('/implementation: missing required member "version"'),
    );
  });

  it('names the line and column of broken JSON, and a missing file', () => {
    const path = file('d.json', '{\n  "dialects": [ga]\n}');
    assert.throws(() => loadDeclaration(path), (e: unknown) => isHarnessError(e) && e.code === HarnessErrorCode.NOT_JSON && /line 2, column 16/.test(e.message));
    assert.throws(() => loadWaivers(join(dir, 'none.json')), (e: unknown) => isHarnessError(e) && e.code === HarnessErrorCode.UNREADABLE_FILE);
  });

  it('loads waivers and rejects an impossible expiry date', () => {
    const waiver = { checkId: 'webhook.response.schema', reason: 'vendor ticket 12', expires: '2030-01-31', caseId: 'nested-object' };
    assert.deepEqual(loadWaivers(file('w.json', JSON.stringify({ version: 1, waivers: [waiver] }))), [waiver]);
    const bad = file('bad.json', JSON.stringify({ version: 1, waivers: [{ ...waiver, expires: '2030-02-30' }] }));
    assert.throws(() => loadWaivers(bad), (e: unknown) => isHarnessError(e) && e.message.includes('/waivers/0/expires'));
  });
});
