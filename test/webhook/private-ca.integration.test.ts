import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEmulatorTls } from '../../src/emulator/tls/emulator-tls.js';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  extra: { checkId: string; level: string; outcome: string };
}

describe('webhook --ca: an https webhook behind a private CA', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'dpsc-ca-'));
  let reference: RunningWebhook;
  let server: Server;
  let url: string;
  const caFile = join(dir, 'ca.pem');

  before(async () => {
    reference = await startReferenceWebhook();
    const tls = await generateEmulatorTls();
    writeFileSync(caFile, tls.caPem);
    // TLS in front of the reference webhook, with a certificate from a CA no one trusts by default
    server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
      const upstream = httpRequest(new URL(req.url ?? '/', reference.url), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as AddressInfo).port}/api/allocate`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await reference.close();
  });

  const tests = (out: string): CtrfTest[] => (ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests;

  it('passes every MUST, Pact contract included, when the CA is given', async () => {
    const out = join(dir, 'with-ca');
    const run = await runCliInProcess(['webhook', '--url', url, '--ca', caFile, '--out', out, '--reporter', 'quiet'], { timeoutMs: 100_000 });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.ok(tests(out).some((t) => t.extra.checkId === 'webhook.contract.pact' && t.extra.outcome === 'passed'));
  });

  it('reports the untrusted certificate as errored results (exit 1), not a harness error', async () => {
    const out = join(dir, 'without-ca');
    const run = await runCliInProcess(['webhook', '--url', url, '--out', out, '--reporter', 'quiet'], { timeoutMs: 100_000 });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.ok(tests(out).some((t) => t.extra.checkId === 'webhook.response.status' && t.extra.outcome === 'errored'));
  });

  it('exits 2 for an unreadable CA file', async () => {
    const run = await runCliInProcess(['webhook', '--url', url, '--ca', join(dir, 'missing.pem'), '--out', join(dir, 'x')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--ca .*missing\.pem: does not exist: ENOENT/);
  });
});
