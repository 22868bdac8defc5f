import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  message?: string;
  extra: { checkId: string; outcome: string; caseId: string; harnessFault?: boolean; mismatch?: string };
}

/**
 * In front of the reference webhook: the first `failures` requests have their connection destroyed
 * before any answer (what the emulator's call met when a kept-alive connection was closed under it),
 * the rest are passed on.
 */
async function flakyWebhook(target: RunningWebhook, failures: number): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  const upstream = new URL(target.url);
  let requests = 0;
  const server: Server = createServer((req, res) => {
    requests += 1;
    if (requests <= failures) {
      req.socket.destroy();
      return;
    }
    const forward = request({ host: upstream.hostname, port: upstream.port, path: `${upstream.pathname}${upstream.search}`, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}${upstream.search}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const reference = `"${process.execPath}" "${join(repoRoot, 'dist', 'implementations', 'reference-device', 'adapter.js')}"`;

/** The harness's own faults are the harness's: retried, and if they persist a harness error, never the device's failure (issue 20). */
describe('a transport failure of the emulator\'s webhook call (built CLI)', function () {
  this.timeout(120_000);
  let outRoot: string;
  let webhook: RunningWebhook;
  before(async () => {
    outRoot = mkdtempSync(join(tmpdir(), 'dpsc-harness-fault-'));
    webhook = await startReferenceWebhook();
  });
  after(async () => {
    await webhook.close();
    rmSync(outRoot, { recursive: true, force: true });
  });

  const run = async (failures: number, name: string): Promise<{ status: number | null; stderr: string; tests: CtrfTest[]; requests: number }> => {
    const flaky = await flakyWebhook(webhook, failures);
    try {
      const out = join(outRoot, name);
      const args = ['device', '--adapter', reference, '--transport', 'https', '--dialect', 'ga', '--case-ids', 'pnp-model-id', '--webhook', flaky.url, '--out', out, '--reporter', 'quiet'];
      const result = await runCliInProcess(args, { timeoutMs: 100_000 });
      const tests = (ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;
      return { status: result.status, stderr: result.stderr, tests, requests: flaky.requests() };
    } finally {
      await flaky.close();
    }
  };

  it('makes the registration again when the call fails once, and judges only the registration the harness did not fail in', async () => {
    const { status, stderr, tests, requests } = await run(1, 'once');
    assert.equal(status, 0, stderr.slice(-1500));
    // pnp-model-id is two registrations (its fragmented run too): one failed call, the first made again, the second
    assert.equal(requests, 3, 'one failed call, then the registration made again');
    const bad = tests.filter((t) => t.extra.outcome !== 'passed');
    assert.deepEqual(bad.map((t) => `${t.extra.checkId}: ${t.message ?? ''}`), []);
    const protocol = tests.find((t) => t.extra.checkId === 'adapter.protocol');
    assert.match(protocol?.message ?? '', /made 2 times: the harness failed in the earlier ones, the emulator's call to the allocation webhook got no answer \(closed/);
    assert.ok(tests.some((t) => t.extra.checkId === 'e2e.returnData.reachedDevice' && t.extra.outcome === 'passed'));
  });

  it('reports a failure that persists as a harness error (exit 2), never as a failed or passed check of the device', async () => {
    const { status, stderr, tests, requests } = await run(Number.MAX_SAFE_INTEGER, 'always');
    assert.equal(status, 2, stderr.slice(-1500));
    assert.match(stderr, /the harness itself failed/);
    assert.equal(requests, 6, 'each of the two registrations made three times, one call each');
    const ofCase = tests.filter((t) => t.extra.caseId === 'pnp-model-id');
    assert.ok(ofCase.length >= 5);
    for (const t of ofCase) {
      assert.equal(t.extra.outcome, 'errored', `${t.extra.checkId}: ${t.message ?? ''}`);
      assert.equal(t.extra.harnessFault, true);
      assert.match(t.message ?? '', /^harness fault: the emulator's call to the allocation webhook got no answer .*made 3 times and the harness failed in each/);
    }
    assert.deepEqual(tests.filter((t) => t.extra.outcome === 'failed'), []);
  });
});
