import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  message?: string;
  extra: { checkId: string; level: string; outcome: string; dialect: string; transport: string; caseId: string; implementation: { name: string } };
}

const node = `"${process.execPath}"`;
const referenceAdapter = `${node} "${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}"`;
const sdkAdapter = `${node} "${join(repoRoot, 'dist', 'implementations', 'azure-iot-node-sdk', 'adapter.js')}"`;
const httpsOnlyAdapter = `${node} "${join(repoRoot, 'dist', 'test', 'fixtures', 'adapters', 'scripted-adapter.js')}" ok`;
/** A few quick cases: data sent and returned, a model id, a refused key, an X.509 group (see device-command.integration.test.ts). */
const FEW_CASES = 'data-flat,pnp-model-id,device-wrong-key,group-x509-initial';
const X509_CASES = 'group-x509-initial,individual-x509-initial,individual-x509-reprovision-moved,many-linked-hubs-x509-group,pnp-model-id-x509-many-hubs';

function readCtrf(dir: string): CtrfTest[] {
  return (ctrfView(readFileSync(join(dir, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;
}

function blocking(tests: readonly CtrfTest[]): string[] {
  return tests.filter((t) => t.extra.level === 'MUST' && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored')).slice(0, 5).map((t) => `${t.extra.checkId} [${t.extra.caseId}]: ${t.message ?? ''}`);
}

describe('device command over AMQP and with X.509 (built CLI)', function () {
  this.timeout(300_000);
  let outRoot: string;
  before(() => {
    outRoot = mkdtempSync(join(tmpdir(), 'dpsc-device-amqp-'));
  });
  after(() => rmSync(outRoot, { recursive: true, force: true }));

  // every case over amqp and amqp-ws, for the reference device and the Node SDK, runs once in
  // test/cli/run.integration.test.ts; here a few cases prove the `device` command over AMQP
  it('passes the reference device on every MUST over amqp and amqp-ws, in both dialects, with the AMQP protocol check (a few cases)', async () => {
    const runs = await Promise.all(
      ['amqp', 'amqp-ws'].map(async (transport) => {
        const out = join(outRoot, `reference-${transport}`);
        const run = await runCliInProcess(['device', '--adapter', referenceAdapter, '--transport', transport, '--case-ids', FEW_CASES, '--out', out, '--reporter', 'quiet'], { timeoutMs: 240_000 });
        return { transport, run, tests: readCtrf(out) };
      }),
    );
    for (const { transport, run, tests } of runs) {
      assert.equal(run.status, 0, `${transport}: ${run.stderr.slice(-1500)}\n${blocking(tests).join('\n')}`);
      assert.deepEqual([...new Set(tests.map((t) => t.extra.dialect))].sort(), ['ga', 'preview']);
      assert.ok(tests.every((t) => t.extra.transport === transport));
      assert.ok(tests.some((t) => t.extra.checkId === 'device.amqp.protocol' && t.extra.outcome === 'passed'));
      assert.ok(tests.some((t) => t.extra.checkId === 'device.returnData.fidelity' && t.extra.outcome === 'passed'));
      // the X.509 corpus cases ran (the reference device claims x509)
      assert.ok(tests.some((t) => t.extra.caseId === 'group-x509-initial' && t.extra.checkId === 'device.result.assignment' && t.extra.outcome === 'passed'));
    }
  });

  it('runs the real Node SDK over amqp: every MUST passes, X.509 cases included (a few cases)', async () => {
    const out = join(outRoot, 'sdk-amqp');
    const run = await runCliInProcess(['device', '--adapter', sdkAdapter, '--transport', 'amqp', '--timeout', '5000', '--case-ids', `${FEW_CASES},individual-x509-initial`, '--out', out, '--reporter', 'quiet'], { timeoutMs: 240_000 });
    const tests = readCtrf(out);
    assert.equal(run.status, 0, `${run.stderr.slice(-1500)}\n${blocking(tests).join('\n')}`);
    assert.ok(tests.every((t) => t.extra.implementation.name === 'azure-iot-provisioning-device' && t.extra.transport === 'amqp'));
    for (const id of ['device.returnData.fragmented', 'device.error.credentials', 'device.amqp.protocol']) {
      assert.ok(tests.some((t) => t.extra.checkId === id && t.extra.outcome === 'passed'), `${id} passed`);
    }
    assert.ok(tests.some((t) => t.extra.caseId === 'individual-x509-initial' && t.extra.outcome === 'passed'));
  });

  it('runs the X.509 cases over https and mqtt for the reference device', async () => {
    for (const transport of ['https', 'mqtt']) {
      const out = join(outRoot, `x509-${transport}`);
      const run = await runCliInProcess(['device', '--adapter', referenceAdapter, '--transport', transport, '--case-ids', X509_CASES, '--out', out, '--reporter', 'quiet'], { timeoutMs: 120_000 });
      const tests = readCtrf(out);
      assert.equal(run.status, 0, `${transport}: ${blocking(tests).join('\n')}`);
      const wanted = new Set(X509_CASES.split(','));
      assert.equal(new Set(tests.map((t) => t.extra.caseId).filter((id) => wanted.has(id))).size, 5, `${transport}: the five X.509 cases ran`);
    }
  });

  it('exits 2 at once when --transport names a transport the implementation does not claim', async () => {
    const started = Date.now();
    const run = await runCliInProcess(['device', '--adapter', httpsOnlyAdapter, '--transport', 'amqp', '--out', join(outRoot, 'usage'), '--reporter', 'quiet'], { timeoutMs: 30_000 });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /--transport amqp: scripted claims https/);
    assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  });
});
