import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BADGE_BASE_PLACEHOLDER, badgeFileName, formatBadges } from '../../src/report/format/format-badges.js';
import { formatMarkdown } from '../../src/report/format/format-markdown.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { writeReportSet } from '../../src/report/write-report-set.js';
import { SchemaRegistry } from '../../src/schemas/schema-registry.js';
import { fakeRunInfo } from '../report-html/fake-results.js';
import { fiveImplementations } from '../report-html/five-implementations.js';

const registry = new SchemaRegistry();

describe('shields.io badges', () => {
  it('the shields endpoint schema refuses what shields refuses (the control: the schema can fail)', () => {
    const valid = (value: unknown): boolean => registry.validate('harness/shields-endpoint', undefined, value).valid;
    assert.ok(valid({ schemaVersion: 1, label: 'hello', message: 'sweet world', color: 'orange' }), 'the documented example');
    assert.ok(valid({ schemaVersion: 1, label: '', message: 'x' }), 'an empty label omits the left side');
    assert.ok(!valid({ schemaVersion: 2, label: 'a', message: 'b' }));
    assert.ok(!valid({ schemaVersion: 1, label: 'a', message: '' }), "message can't be empty");
    assert.ok(!valid({ schemaVersion: 1, message: 'b' }), 'label is required');
    assert.ok(!valid({ schemaVersion: 1, label: 'a', message: 'b', colour: 'red' }), 'unknown members are refused');
    assert.ok(!valid({ schemaVersion: 1, label: 'a', message: 'b', logoColor: 'red' }), 'logoColor only with namedLogo');
  });

  it('writes one schema-valid badge per implementation with its dialects, transports and MUST pass rate', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dpsc-badges-'));
    try {
      const results = fiveImplementations();
      await writeReportSet(dir, results, fakeRunInfo, { stepSummary: false });
      const files = (await readdir(join(dir, 'badges'))).sort();
      assert.deepEqual(files, ['127.0.0.1-7071-api-allocate.json', 'azure-iot-device.json', 'azure-iot-provisioning-device.json', 'com.microsoft.azure.sdk.iot.provisioning-provisioning-device-client.json', 'reference-device.json']);
      for (const file of files) {
        const badge: unknown = JSON.parse(await readFile(join(dir, 'badges', file), 'utf8'));
        const check = registry.validate('harness/shields-endpoint', undefined, badge);
        assert.ok(check.valid, `${file}: ${JSON.stringify(check.errors)}`);
      }
      const python: unknown = JSON.parse(await readFile(join(dir, 'badges', 'azure-iot-device.json'), 'utf8'));
      assert.deepEqual(python, { schemaVersion: 1, label: 'DPS conformance', message: 'ga mqtt mqtt-ws 100% MUST', color: 'brightgreen' });
      const node: unknown = JSON.parse(await readFile(join(dir, 'badges', 'azure-iot-provisioning-device.json'), 'utf8'));
      assert.deepEqual(node, { schemaVersion: 1, label: 'DPS conformance', message: 'ga https mqtt mqtt-ws 64% MUST', color: 'red' });
      const summary = await readFile(join(dir, 'summary.md'), 'utf8');
      assert.ok(summary.includes(`https://img.shields.io/endpoint?url=${encodeURIComponent(`${BADGE_BASE_PLACEHOLDER}/badges/azure-iot-device.json`)}`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says "not run" in grey when nothing ran, and keeps versions apart when one name has several', () => {
    const skipped: CheckResult = { checkId: 'device.result.status', level: 'MUST', outcome: 'skipped', dialect: 'ga', transport: 'amqp', caseId: 'a', implementation: { name: 'x', version: '1.0.0' }, message: 'python3 not found' };
    assert.deepEqual(formatBadges([skipped]).map((b) => [b.file, b.endpoint.message, b.endpoint.color]), [['x.json', 'not run', 'lightgrey']]);
    const two = formatBadges([skipped, { ...skipped, implementation: { name: 'x', version: '1.1.0' } }]).map((b) => b.file);
    assert.deepEqual(two, ['x-1.0.0.json', 'x-1.1.0.json']);
    assert.equal(badgeFileName('https://user:pw@a.example/api/x?code=secret'), 'user-pw-a.example-api-x.json');
  });

  it('points the summary.md snippet at the base URL given', () => {
    const md = formatMarkdown(fiveImplementations(), fakeRunInfo, { badgeBaseUrl: 'https://example.org/r/' });
    assert.ok(md.includes(encodeURIComponent('https://example.org/r/badges/reference-device.json')));
    assert.ok(!md.includes('YOUR-HOST'));
  });
});
