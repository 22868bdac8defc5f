import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describeRun, runWebhookCli } from './run-webhook-cli.js';

/** A port nothing listens on: bind one, note it, close it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('webhook command against a webhook that stops answering', function () {
  this.timeout(60_000);

  it('gives up after 3 refusals, marks the rest errored with the reason, and exits 1', async () => {
    const port = await closedPort();
    const r = await runWebhookCli(['--url', `http://127.0.0.1:${port}/api/allocate`, '--dialect', 'all']);
    assert.equal(r.run.status, 1, describeRun(r));
    const errored = r.results.filter((x) => x.outcome === 'errored');
    assert.ok(errored.length > 100, `most results errored, got ${errored.length}`);
    assert.ok(errored.some((x) => /connection refused/.test(x.message)));
    assert.ok(errored.some((x) => /no answer to 3 requests in a row/.test(x.message)), 'the message says why the rest were abandoned');
    assert.ok(!r.results.some((x) => x.outcome === 'errored' && x.extra['harnessFault'] === true), 'a dead webhook is not a harness fault');
  });

  it('is a usage error (exit 2) for a URL that is not http(s)', async () => {
    const r = await runWebhookCli(['--url', 'ftp://example.com/x?code=secret-code-123']);
    assert.equal(r.run.status, 2);
    assert.match(r.run.stderr, /--url must use http/);
    assert.ok(!r.run.stderr.includes('secret-code-123'));
  });
});
