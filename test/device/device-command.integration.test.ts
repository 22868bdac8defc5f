import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAULTS, type Fault } from '../fixtures/adapters/broken-device-faults.js';
import { repoRoot, type CliRun } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { startReferenceWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  status: string;
  message?: string;
  extra: {
    checkId: string;
    level: string;
    outcome: string;
    dialect: string;
    transport: string;
    caseId: string;
    implementation: { name: string; version?: string };
  };
}

const node = `"${process.execPath}"`;
const referenceAdapter = `${node} "${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}"`;
const sdkAdapter = `${node} "${join(repoRoot, 'dist', 'implementations', 'azure-iot-node-sdk', 'adapter.js')}"`;
const brokenAdapter = (fault: Fault): string => `${node} "${join(repoRoot, 'dist', 'test', 'fixtures', 'adapters', 'broken-device.js')}" ${fault}`;

function readCtrf(dir: string): CtrfTest[] {
  return (ctrfView(readFileSync(join(dir, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;
}

function blocking(tests: readonly CtrfTest[]): CtrfTest[] {
  return tests.filter((t) => t.extra.level === 'MUST' && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored'));
}

function describeRun(run: CliRun, tests: readonly CtrfTest[] = []): string {
  const bad = blocking(tests).slice(0, 5).map((t) => `${t.extra.checkId} [${t.extra.caseId}] ${t.extra.transport}/${t.extra.dialect}: ${t.message ?? ''}`);
  return `exit ${run.status}\n${run.stderr.slice(-2000)}\n${bad.join('\n')}`;
}

/**
 * Cases that prove a device run end to end in a few seconds: data sent and returned (and fragmented),
 * a model id, a refused key, an X.509 group. The dedicated timing cases (Retry-After, throttling, a
 * device never assigned) wait seconds by design; run.integration.test.ts runs them on every transport.
 */
const FEW_CASES = 'data-flat,pnp-model-id,device-wrong-key,group-x509-initial';

/**
 * Runs `work` on every item, at most `limit` at a time (each one runs an emulator and an adapter), a
 * new one starting as soon as one ends: the runs that wait by design (Retry-After, a refused key)
 * do not hold up the quick ones.
 */
async function withLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

describe('device command (built CLI)', function () {
  this.timeout(240_000);
  let outRoot: string;
  before(() => {
    outRoot = mkdtempSync(join(tmpdir(), 'dpsc-device-'));
  });
  after(() => rmSync(outRoot, { recursive: true, force: true }));

  // The whole device suite, every case on every transport, runs once for these two implementations in
  // test/cli/run.integration.test.ts (through `run`, which drives the same suite); here a few cases
  // prove what the `device` command itself does with them: both dialects, exit status, the report.
  it('passes the reference device on every MUST over https and mqtt, in both dialects (a few cases)', async () => {
    const runs = await Promise.all(
      ['https', 'mqtt'].map(async (transport) => {
        const out = join(outRoot, `reference-${transport}`);
        const run = await runCliInProcess(['device', '--adapter', referenceAdapter, '--transport', transport, '--case-ids', FEW_CASES, '--out', out, '--reporter', 'quiet'], { timeoutMs: 180_000 });
        return { transport, run, tests: readCtrf(out) };
      }),
    );
    for (const { transport, run, tests } of runs) {
      assert.equal(run.status, 0, describeRun(run, tests));
      assert.deepEqual(blocking(tests), []);
      const dialects = new Set(tests.map((t) => t.extra.dialect));
      assert.deepEqual([...dialects].sort(), ['ga', 'preview'], `${transport}: both dialects ran`);
      assert.ok(tests.every((t) => t.extra.implementation.name === 'dps-conformance-reference-device'));
      for (const id of ['device.data.sent', 'device.returnData.fidelity', 'device.returnData.fragmented', 'device.error.credentials', 'device.result.assignment']) {
        for (const dialect of ['ga', 'preview']) {
          assert.ok(tests.some((t) => t.extra.checkId === id && t.extra.dialect === dialect && t.extra.outcome === 'passed'), `${transport} ${dialect}: ${id} passed somewhere`);
        }
      }
      assert.ok(tests.some((t) => t.extra.caseId === 'group-x509-initial' && t.extra.checkId === 'device.result.assignment' && t.extra.outcome === 'passed'), `${transport}: the X.509 case passed`);
      if (transport === 'mqtt') assert.ok(tests.some((t) => t.extra.checkId === 'device.mqtt.protocol' && t.extra.outcome === 'passed'));
    }
  });

  it('catches each deliberately broken adapter with the check meant for its defect', async () => {
    const faults = Object.keys(FAULTS) as Fault[];
    const outcomes = await withLimit(faults, 3, async (fault) => {
      const out = join(outRoot, `broken-${fault}`);
      const spec = FAULTS[fault];
      const transport = 'transport' in spec ? spec.transport : 'https';
      const args = ['device', '--adapter', brokenAdapter(fault), '--transport', transport, '--dialect', 'ga', '--timeout', '3000', '--out', out, '--reporter', 'quiet'];
      const run = await runCliInProcess([...args, '--case-ids', FAULTS[fault].cases], { timeoutMs: 180_000 });
      return { fault, run, tests: readCtrf(out) };
    });
    for (const { fault, run, tests } of outcomes) {
      const spec = FAULTS[fault];
      const { checkId } = spec;
      assert.equal(run.status, 'should' in spec ? 0 : 1, `${fault}: ${describeRun(run, tests)}`);
      const caught = tests.filter((t) => t.extra.checkId === checkId && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored'));
      assert.ok(caught.length > 0, `${fault}: expected ${checkId} failed or errored; blocking: ${blocking(tests).map((t) => t.extra.checkId).join(', ')}`);
    }
  });

  it('runs end to end against a webhook given with --webhook', async () => {
    const webhook = await startReferenceWebhook();
    try {
      const out = join(outRoot, 'e2e');
      const run = await runCliInProcess(['device', '--adapter', referenceAdapter, '--transport', 'https', '--webhook', webhook.url, '--case-ids', FEW_CASES, '--out', out, '--reporter', 'quiet'], { timeoutMs: 180_000 });
      const tests = readCtrf(out);
      assert.equal(run.status, 0, describeRun(run, tests));
      for (const id of ['e2e.data.reachedWebhook', 'e2e.returnData.reachedDevice']) {
        assert.ok(tests.some((t) => t.extra.checkId === id && t.extra.outcome === 'passed'), `${id} passed`);
      }
    } finally {
      await webhook.close();
    }
  });

  it('runs the real Azure IoT Node SDK over https and mqtt and reports check by check (a few cases)', async () => {
    const runs = await Promise.all(
      ['https', 'mqtt'].map(async (transport) => {
        const out = join(outRoot, `sdk-${transport}`);
        const run = await runCliInProcess(['device', '--adapter', sdkAdapter, '--transport', transport, '--timeout', '5000', '--case-ids', 'pnp-model-id,data-flat,device-wrong-key', '--out', out, '--reporter', 'quiet'], { timeoutMs: 180_000 });
        return { transport, run, tests: readCtrf(out) };
      }),
    );
    for (const { transport, run, tests } of runs) {
      // 1: the SDK fails MUST checks (see implementations/azure-iot-node-sdk/README.md); never 2 (a harness fault)
      assert.ok(run.status === 0 || run.status === 1, describeRun(run, tests));
      assert.ok(tests.length > 0);
      assert.ok(tests.every((t) => t.extra.implementation.name === 'azure-iot-provisioning-device' && t.extra.transport === transport && t.extra.dialect === 'ga'));
      // the SDK registers and surfaces the returned data for plain ASCII data on both transports
      for (const id of ['device.data.sent', 'device.result.assignment', 'device.returnData.fidelity', 'device.request.sas']) {
        assert.ok(tests.some((t) => t.extra.checkId === id && t.extra.caseId === 'pnp-model-id' && t.extra.outcome === 'passed'), `${transport}: ${id} [pnp-model-id] passed`);
      }
    }
  });
});
