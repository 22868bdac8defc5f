import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_IMPLEMENTATIONS, missingPrograms } from '../../src/targets/index.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  extra: { checkId: string; level: string; outcome: string; transport: string; dialect: string; implementation: { name: string } };
}

describe('dps-conformance run --implementations azure-iot-python-sdk,azure-iot-java-sdk (one shard)', function () {
  this.timeout(400_000);
  let run: CliRun;
  let tests: CtrfTest[];

  before(async function () {
    const missing = BUNDLED_IMPLEMENTATIONS.filter((i) => i.installer).flatMap((i) => missingPrograms(i));
    if (missing.length > 0) {
      if (process.env['CI'] === 'true') assert.fail(`${missing.join(', ')} required under CI=true`);
      process.stderr.write(`    (skipped: ${missing.join(' and ')} not on PATH)\n`);
      this.skip();
    }
    const out = join(mkdtempSync(join(tmpdir(), 'dpsc-run-sdk-')), 'report');
    run = await runCli(['run', '--implementations', 'azure-iot-python-sdk,azure-iot-java-sdk', '--shard', '2/12', '--out', out, '--reporter', 'quiet'], { timeoutMs: 380_000 });
    tests = (ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;
  });

  it('has a row per SDK transport, each with results of real registrations, and none for the narrowed-out implementations', () => {
    const rows = new Set(tests.map((t) => `${t.extra.implementation.name} ${t.extra.transport} ${t.extra.dialect}`));
    assert.deepEqual([...rows].sort(), [
      'azure-iot-device mqtt ga',
      'azure-iot-device mqtt-ws ga',
      'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client amqp ga',
      'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client amqp-ws ga',
      'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client https ga',
      'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client mqtt ga',
      'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client mqtt-ws ga',
    ]);
    for (const row of rows) {
      const [name, transport] = row.split(' ');
      assert.ok(tests.some((t) => t.extra.implementation.name === name && t.extra.transport === transport && t.extra.checkId === 'device.request.sas' && t.extra.outcome === 'passed'), row);
    }
  });

  it('exits as the results say', () => {
    const blocking = tests.some((t) => t.extra.level === 'MUST' && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored'));
    assert.equal(run.status, blocking ? 1 : 0, run.stderr);
  });
});
