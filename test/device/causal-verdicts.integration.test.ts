import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { CONTOSO_PROFILE } from '../fixtures/webhooks/contoso-profile.js';
import { startPolicyWebhook } from '../fixtures/webhooks/policy-webhooks.js';
import { ctrfView } from '../helpers/ctrf-view.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

interface CtrfTest {
  status: string;
  message?: string;
  extra: { checkId: string; level: string; outcome: string; caseId: string; blockedBy?: string };
}

const node = `"${process.execPath}"`;
const fixture = (name: string, mode: string): string => `${node} "${join(repoRoot, 'dist', 'test', 'fixtures', 'adapters', `${name}.js`)}" ${mode}`;
const reference = `${node} "${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}"`;

function readCtrf(dir: string): CtrfTest[] {
  return (ctrfView(readFileSync(join(dir, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;
}

const failures = (tests: readonly CtrfTest[]): CtrfTest[] => tests.filter((t) => t.extra.outcome === 'failed' || t.extra.outcome === 'errored');
const describeTests = (tests: readonly CtrfTest[]): string => tests.map((t) => `${t.extra.caseId} ${t.extra.checkId} ${t.extra.outcome}${t.extra.blockedBy ? ` <- ${t.extra.blockedBy}` : ''}: ${(t.message ?? '').slice(0, 160)}`).join('\n');

/**
 * Issue "device verdicts a maintainer would sign": one defect is one failed result per case, the steps
 * after it not reached; a JSON string payload is a SHOULD; a webhook that refuses everything fails one
 * run-wide check with advice. Through the CLI's entry (in-process: the verdicts are in the report, not in
 * how a process ends), with devices and webhooks modelled on real ones.
 */
describe('causal device verdicts (built CLI)', function () {
  this.timeout(180_000);
  let outRoot: string;
  before(() => {
    outRoot = mkdtempSync(join(tmpdir(), 'dpsc-causal-'));
  });
  after(() => rmSync(outRoot, { recursive: true, force: true }));

  const run = async (name: string, args: string[]): Promise<{ status: number | null; stderr: string; tests: CtrfTest[] }> => {
    const out = join(outRoot, name);
    const result = await runCliInProcess(['device', '--dialect', 'ga', '--timeout', '5000', '--out', out, '--reporter', 'quiet', ...args], { timeoutMs: 170_000 });
    return { status: result.status, stderr: result.stderr, tests: readCtrf(out) };
  };

  it('an unknown envelope member (top-level modelId): per case one MUST failure naming the member, the later steps not reached', async () => {
    const { status, tests } = await run('unknown-member', ['--adapter', fixture('broken-device', 'unknown-envelope-member'), '--transport', 'mqtt', '--case-ids', 'pnp-model-id,data-flat,device-retry-after']);
    assert.equal(status, 1);
    const failed = failures(tests);
    assert.deepEqual(failed.map((t) => `${t.extra.caseId} ${t.extra.checkId}`).sort(), ['data-flat device.request.body', 'pnp-model-id device.request.body'], describeTests(tests));
    for (const t of failed) assert.match(t.message ?? '', /member DPS does not know, "modelId"/);
    // the dedicated case meets the same refusal: not reached, naming the check that owns it in the corpus cases
    assert.deepEqual(tests.filter((t) => t.extra.caseId === 'device-retry-after' && t.extra.checkId === 'device.polling.retryAfter').map((t) => t.extra.blockedBy), ['device.request.body']);
    const blocked = tests.filter((t) => t.extra.blockedBy !== undefined);
    for (const checkId of ['device.data.sent', 'device.polling.terminal', 'device.result.status', 'device.result.assignment', 'device.returnData.fidelity']) {
      assert.deepEqual(blocked.filter((t) => t.extra.checkId === checkId && t.extra.caseId === 'pnp-model-id').map((t) => [t.extra.outcome, t.extra.blockedBy]), [['skipped', 'device.request.body']], `${checkId}\n${describeTests(tests)}`);
    }
    assert.ok(tests.every((t) => !/400 undefined/.test(t.message ?? '')));
    // with no corpus case in the run, the dedicated case's one check carries the defect
    const alone = await run('unknown-member-alone', ['--adapter', fixture('broken-device', 'unknown-envelope-member'), '--transport', 'https', '--case-ids', 'device-allocation-failed']);
    assert.equal(alone.status, 1);
    assert.deepEqual(failures(alone.tests).map((t) => t.extra.checkId), ['device.error.allocationFailed'], describeTests(alone.tests));
    assert.match(failures(alone.tests)[0]?.message ?? '', /member DPS does not know, "modelId"/);
  });

  it('a payload sent as a JSON string holding JSON (the Java SDK\'s way): exit 0, one SHOULD failure; with --strict-payload one MUST failure per case', async () => {
    const lenient = await run('json-string', ['--adapter', fixture('naive-device', 'json-string-payload'), '--transport', 'https', '--case-ids', 'pnp-model-id']);
    assert.equal(lenient.status, 0, describeTests(lenient.tests));
    assert.deepEqual(failures(lenient.tests).map((t) => `${t.extra.level} ${t.extra.checkId}`), ['SHOULD device.data.object']);
    const strict = await run('json-string-strict', ['--adapter', fixture('naive-device', 'json-string-payload'), '--transport', 'https', '--case-ids', 'pnp-model-id', '--strict-payload']);
    assert.equal(strict.status, 1);
    assert.deepEqual(failures(strict.tests).map((t) => t.extra.checkId), ['device.request.body'], describeTests(strict.tests));
    assert.match(failures(strict.tests)[0]?.message ?? '', /JSON string holding one/);
    assert.ok(strict.tests.filter((t) => t.extra.checkId === 'device.result.status').every((t) => t.extra.blockedBy === 'device.request.body'));
  });

  it('a --webhook that refuses every device: exit 1, one run-wide failure with advice, the result checks not reached', async () => {
    const webhook = await startPolicyWebhook('contoso-policy');
    try {
      const { status, tests } = await run('refused', ['--adapter', reference, '--transport', 'https', '--webhook', webhook.url, '--case-ids', 'pnp-model-id,data-flat']);
      assert.equal(status, 1);
      const failed = failures(tests);
      assert.deepEqual(failed.map((t) => t.extra.checkId), ['e2e.allocation.accepts'], describeTests(tests));
      assert.match(failed[0]?.message ?? '', /allocated none .*Unrecognized device registration.*--profile FILE/);
      for (const checkId of ['device.result.status', 'device.result.assignment', 'device.returnData.fidelity', 'e2e.returnData.reachedDevice']) {
        const results = tests.filter((t) => t.extra.checkId === checkId);
        assert.ok(results.length > 0 && results.every((t) => t.extra.outcome === 'skipped' && t.extra.blockedBy === 'e2e.allocation.accepts'), `${checkId}\n${describeTests(tests)}`);
      }
    } finally {
      await webhook.close();
    }
  });

  it('the same policy webhook driven end to end with --profile passes; --function-key reaches a keyed webhook', async () => {
    const webhook = await startPolicyWebhook('contoso-policy');
    const profile = join(outRoot, 'contoso.profile.json');
    writeFileSync(profile, JSON.stringify(CONTOSO_PROFILE));
    try {
      const { status, tests } = await run('profiled', ['--adapter', reference, '--transport', 'https', '--webhook', webhook.url, '--profile', profile, '--case-ids', 'pnp-model-id,data-flat']);
      assert.equal(status, 0, describeTests(failures(tests)));
      assert.deepEqual(tests.filter((t) => t.extra.checkId === 'e2e.allocation.accepts').map((t) => t.extra.outcome), ['passed']);
      assert.ok(tests.filter((t) => t.extra.checkId === 'e2e.data.reachedWebhook').every((t) => t.extra.outcome === 'passed'));
    } finally {
      await webhook.close();
    }
    const keyed = await startReferenceWebhook({ functionKey: 'k3y-for-the-test-0001' });
    try {
      const withKey = await run('keyed', ['--adapter', reference, '--transport', 'https', '--webhook', keyed.url, '--function-key', 'k3y-for-the-test-0001', '--case-ids', 'pnp-model-id']);
      assert.equal(withKey.status, 0, describeTests(failures(withKey.tests)));
      assert.ok(!readFileSync(join(outRoot, 'keyed', 'ctrf.json'), 'utf8').includes('k3y-for-the-test-0001'), 'the key is never in a report');
      const withoutKey = await run('unkeyed', ['--adapter', reference, '--transport', 'https', '--webhook', keyed.url, '--case-ids', 'pnp-model-id']);
      assert.equal(withoutKey.status, 1);
      assert.deepEqual(failures(withoutKey.tests).map((t) => t.extra.checkId), ['e2e.allocation.accepts']);
    } finally {
      await keyed.close();
    }
  });
});

/**
 * Verdicts that rest on the UNCONFIRMED raw UTF-8 in DPS's answers say so, and `--ascii-answers` shows
 * them the other way: the real Azure IoT Node SDK reads MQTT answers as ASCII and crashes on raw UTF-8,
 * and over HTTPS decodes each chunk alone, so a UTF-8 sequence cut between two pieces is lost.
 */
describe('verdicts resting on raw UTF-8 in answers (built CLI, the real Node SDK)', function () {
  this.timeout(240_000);
  const sdk = `${node} "${join(repoRoot, 'dist', 'implementations', 'azure-iot-node-sdk', 'adapter.js')}"`;
  let outRoot: string;
  before(() => {
    outRoot = mkdtempSync(join(tmpdir(), 'dpsc-utf8-'));
  });
  after(() => rmSync(outRoot, { recursive: true, force: true }));

  const run = async (name: string, args: string[]): Promise<{ status: number | null; tests: CtrfTest[] }> => {
    const out = join(outRoot, name);
    const result = await runCliInProcess(['device', '--adapter', sdk, '--dialect', 'ga', '--timeout', '8000', '--out', out, '--reporter', 'quiet', ...args], { timeoutMs: 230_000 });
    return { status: result.status, tests: readCtrf(out) };
  };

  // MQTT: any non-ASCII answer; HTTPS: an answer whose 61-byte pieces cut a combining mark's UTF-8 sequence
  for (const [transport, cases] of [['mqtt', 'text-accents'], ['https', 'text-combining-marks']] as const) {
    it(`${transport}: the failures say they rest on raw UTF-8; with --ascii-answers the SDK passes`, async () => {
      const raw = await run(`${transport}-raw`, ['--transport', transport, '--case-ids', cases]);
      assert.equal(raw.status, 1, describeTests(raw.tests));
      const bad = failures(raw.tests);
      assert.ok(bad.length > 0);
      for (const t of bad) assert.match(t.message ?? '', /UNCONFIRMED choice: the emulator wrote non-ASCII .* --ascii-answers/, describeTests(bad));
      const ascii = await run(`${transport}-ascii`, ['--transport', transport, '--case-ids', cases, '--ascii-answers']);
      assert.equal(ascii.status, 0, describeTests(failures(ascii.tests)));
      assert.ok(failures(ascii.tests).every((t) => t.extra.level === 'SHOULD'), describeTests(failures(ascii.tests)));
    });
  }
});
