import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOnPath } from '../../src/targets/find-on-path.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  status: string;
  message?: string;
  extra: { checkId: string; outcome: string; transport: string; implementation: { name: string } };
}

function ctrfTests(out: string): CtrfTest[] {
  return (ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;
}

function needPython(context: Mocha.Context): void {
  if (findOnPath('python3')) return;
  if (process.env['CI'] === 'true') assert.fail('python3 is required under CI=true');
  process.stderr.write('    (skipped: python3 is not on PATH)\n');
  context.skip();
}

const JAVA_NAME = 'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client';

describe('dps-conformance targets (built CLI)', function () {
  this.timeout(180_000);

  it('lists every bundled implementation; without python3/java/mvn on PATH they are "missing runtime"', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'dpsc-cache-'));
    const plain = await runCliInProcess(['targets', 'list'], { env: { DPSC_CACHE_DIR: cache } });
    assert.equal(plain.status, 0, plain.stderr);
    for (const name of ['reference-device', 'azure-iot-node-sdk', 'azure-iot-python-sdk', 'azure-iot-java-sdk']) assert.match(plain.stdout, new RegExp(`^${name}\\s`, 'm'));
    assert.match(plain.stdout, new RegExp(`cache: ${cache}`));
    const bare = await runCliInProcess(['targets', 'list'], { env: { DPSC_CACHE_DIR: cache, PATH: '/nonexistent' } });
    assert.match(bare.stdout, /^azure-iot-python-sdk\s+missing runtime\s+python3 not found on PATH/m);
    assert.match(bare.stdout, /^azure-iot-java-sdk\s+missing runtime\s+java and mvn not found on PATH/m);
  });

  it('refuses an unknown name with exit 2', async () => {
    const run = await runCliInProcess(['targets', 'install', 'azure-iot-cobol-sdk']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no bundled implementation "azure-iot-cobol-sdk"; did you mean "azure-iot-node-sdk"/);
  });

  it('installs the Python SDK into an empty cache with progress, then lists it as installed', async function () {
    needPython(this);
    const cache = mkdtempSync(join(tmpdir(), 'dpsc-cache-'));
    const install = await runCliInProcess(['targets', 'install', 'azure-iot-python-sdk'], { env: { DPSC_CACHE_DIR: cache }, timeoutMs: 170_000 });
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stderr, /installing azure-iot-python-sdk: azure-iot-device 2\.14\.\d+/);
    assert.match(install.stderr, /installed azure-iot-python-sdk in [\d.]+ s/);
    const dir = /installed in (\S+)/.exec(install.stdout)?.[1];
    assert.ok(dir && existsSync(join(dir, 'installed.json')) && existsSync(join(dir, 'venv')), install.stdout);
    const list = await runCliInProcess(['targets', 'list'], { env: { DPSC_CACHE_DIR: cache } });
    assert.match(list.stdout, /^azure-iot-python-sdk\s+installed\s+azure-iot-device 2\.14/m);
    // a second install reuses the cache
    const again = await runCliInProcess(['targets', 'install', 'azure-iot-python-sdk'], { env: { DPSC_CACHE_DIR: cache } });
    assert.equal(again.status, 0);
    assert.doesNotMatch(again.stderr, /installing/);
  });

  it('a failed install is exit 1 with the step and the log named, and nothing installed', async function () {
    needPython(this);
    const cache = mkdtempSync(join(tmpdir(), 'dpsc-cache-'));
    // PIP_NO_INDEX: pip looks for the version without asking PyPI, and fails the same way at once
    const env = { DPSC_CACHE_DIR: cache, DPSC_PYTHON_SDK_VERSION: '0.0.0.dev0', PIP_NO_INDEX: '1' };
    const install = await runCliInProcess(['targets', 'install', 'azure-iot-python-sdk'], { env, timeoutMs: 120_000 });
    assert.equal(install.status, 1, install.stderr);
    const log = /see (\S+\.log)/.exec(install.stdout)?.[1];
    assert.ok(log && existsSync(log), install.stdout);
    assert.match(install.stdout, /azure-iot-python-sdk: install of azure-iot-python-sdk failed: pip install failed/);
    const list = await runCliInProcess(['targets', 'list'], { env });
    assert.match(list.stdout, /^azure-iot-python-sdk\s+not installed/m);
  });

  it('run: a missing runtime is a skipped row that says why, and the run goes on', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'dpsc-run-')), 'report');
    const run = await runCliInProcess(['run', '--implementations', 'reference-device,azure-iot-python-sdk,azure-iot-java-sdk', '--shard', '1/40', '--out', out, '--reporter', 'quiet'], {
      env: { PATH: '/nonexistent', DPSC_CACHE_DIR: mkdtempSync(join(tmpdir(), 'dpsc-cache-')) },
      timeoutMs: 170_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const tests = ctrfTests(out);
    const rows = (name: string): CtrfTest[] => tests.filter((t) => t.extra.implementation.name === name);
    assert.deepEqual(rows('azure-iot-device').map((t) => `${t.extra.checkId} ${t.extra.outcome} ${t.extra.transport}`), ['adapter.start skipped mqtt', 'adapter.start skipped mqtt-ws']);
    assert.match(rows('azure-iot-device')[0]!.message ?? '', /python3 not found on PATH/);
    assert.deepEqual(rows(JAVA_NAME).map((t) => t.extra.transport), ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws']);
    assert.match(rows(JAVA_NAME)[0]!.message ?? '', /java and mvn not found on PATH/);
    assert.ok(rows('dps-conformance-reference-device').some((t) => t.extra.outcome === 'passed'));
  });

  it('run: a failed install is an errored row naming the log; exit 1; the other implementations still run', async function () {
    needPython(this);
    const out = join(mkdtempSync(join(tmpdir(), 'dpsc-run-')), 'report');
    const run = await runCliInProcess(['run', '--implementations', 'reference-device,azure-iot-python-sdk', '--shard', '1/40', '--out', out, '--reporter', 'quiet'], {
      env: { DPSC_CACHE_DIR: mkdtempSync(join(tmpdir(), 'dpsc-cache-')), DPSC_PYTHON_SDK_VERSION: '0.0.0.dev0', PIP_NO_INDEX: '1' },
      timeoutMs: 170_000,
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /install of azure-iot-python-sdk FAILED/);
    const tests = ctrfTests(out);
    const python = tests.filter((t) => t.extra.implementation.name === 'azure-iot-device');
    assert.deepEqual(python.map((t) => `${t.extra.checkId} ${t.extra.outcome}`), ['adapter.start errored', 'adapter.start errored']);
    assert.match(python[0]!.message ?? '', /not run: install of azure-iot-python-sdk failed: pip install failed .*see \S+\.log/);
    assert.ok(tests.some((t) => t.extra.implementation.name === 'dps-conformance-reference-device' && t.extra.outcome === 'passed'));
  });
});
