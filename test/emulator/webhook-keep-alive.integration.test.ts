import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startEmulator, webhookAllocator, type AllocationContext, type AllocationOutcome, type AllocationTrace } from '../../src/emulator/index.js';
import { generateEmulatorTls } from '../../src/emulator/tls/emulator-tls.js';
import type { BoundedOutcome } from '../../src/http/bounded-outcome.js';
import { boundedRequest } from '../../src/http/bounded-request.js';
import { ConnectionPool } from '../../src/http/connection-pool.js';
import { idleClosingServer } from '../http/http-test-servers.js';
import { registerUntilDone } from './helpers/device.js';

const HUB = 'dpsc-hub-1.azure-devices.net';

/** What the emulator's core hands an allocator for one group registration. */
function context(registrationId: string, signal: AbortSignal, traces: AllocationTrace[]): AllocationContext {
  const now = new Date().toISOString();
  return {
    dialect: 'ga',
    idScope: '0ne00000001',
    registrationId,
    enrollment: { kind: 'group', id: 'group-1', provisioningStatus: 'enabled', createdDateTimeUtc: now, lastUpdatedDateTimeUtc: now, etag: '"1"' },
    hasData: false,
    linkedHubs: [HUB],
    signal,
    trace: (event) => traces.push(event),
  };
}

/** A caller's pause before its next call: about 0, 1 or 2 ms, so calls keep meeting the webhook's 1 ms idle close. */
async function gap(call: number, lane: number): Promise<void> {
  const kind = (call * 7 + lane) % 4;
  await new Promise((resolve) => (kind === 1 ? setTimeout(resolve, 1) : setImmediate(resolve)));
  if (kind < 2) return;
  const end = performance.now() + (kind === 2 ? 0.9 : 1.1);
  while (performance.now() < end);
}

describe("the emulator's webhook calls over keep-alive connections (undici)", function () {
  this.timeout(60_000);

  it('boundedRequest over a pool, against a webhook that closes idle connections after 1 ms, called steadily: no call fails', async () => {
    const webhook = await idleClosingServer(1);
    const pool = new ConnectionPool(webhook.url, { connections: 8 });
    const outcomes: BoundedOutcome[] = [];
    try {
      // four callers, each calling again after about 0, 1 or 2 ms: some calls meet a connection just as
      // the webhook closes it (a few in every 400 on a quiet machine; without the retry, as many fail)
      await Promise.all(
        Array.from({ length: 4 }, async (_, lane) => {
          for (let i = 0; i < 100; i += 1) {
            outcomes.push(await boundedRequest({ url: webhook.url, body: '{}', timeoutMs: 5000, pool }));
            await gap(i, lane);
          }
        }),
      );
    } finally {
      pool.destroy();
      await webhook.close();
    }
    const failed = outcomes.filter((o) => o.kind !== 'answered');
    assert.deepEqual(failed.map((o) => `${o.kind}: ${o.message}`), []);
    // a retried call reached the webhook once or twice (the close may come before or after it read the first)
    const retried = outcomes.filter((o) => o.freshConnectionRetry).length;
    assert.ok(webhook.calls() >= 400 && webhook.calls() <= 400 + retried, `${webhook.calls()} calls for 400 answers and ${retried} retries`);
  });

  it('the allocator against a webhook that closes idle connections after 1 ms, called steadily: no allocation fails', async () => {
    const webhook = await idleClosingServer(1, JSON.stringify({ iotHubHostName: HUB }));
    const lifetime = new AbortController();
    const allocate = webhookAllocator({ url: webhook.url.toString(), timeoutMs: 5000 });
    const traces: AllocationTrace[] = [];
    const outcomes: AllocationOutcome[] = [];
    try {
      await Promise.all(
        Array.from({ length: 4 }, async (_, lane) => {
          for (let i = 0; i < 75; i += 1) {
            outcomes.push(await allocate(context(`steady-${lane}-${i}`, lifetime.signal, traces)));
            await gap(i, lane);
          }
        }),
      );
    } finally {
      lifetime.abort();
      await webhook.close();
    }
    const failed = outcomes.filter((o) => o.kind !== 'assigned');
    assert.deepEqual(failed, []);
    assert.equal(traces.length, 300, 'one traced webhook call per allocation');
    // a retry is in the transcript beside the answer it led to
    for (const t of traces.filter((e) => (e.response as { retriedOnFreshConnection?: string }).retriedOnFreshConnection !== undefined)) {
      assert.equal((t.response as { status?: number }).status, 200);
    }
  });

  it('registrations through the emulator against that webhook all end assigned', async () => {
    const webhook = await idleClosingServer(1, JSON.stringify({ iotHubHostName: HUB }));
    const emulator = await startEmulator({ retryAfterSeconds: 0, linkedHubs: [HUB], allocator: webhookAllocator({ url: webhook.url.toString() }) });
    try {
      const ends = await Promise.all(
        Array.from({ length: 3 }, async (_, lane) => {
          const statuses: unknown[] = [];
          for (let i = 0; i < 15; i += 1) {
            const answers = await registerUntilDone(emulator, `idle-close-${lane}-${i}`, undefined, 100);
            statuses.push((answers[answers.length - 1]?.json['registrationState'] as { status?: unknown } | undefined)?.status);
          }
          return statuses;
        }),
      );
      assert.deepEqual(ends.flat(), Array.from({ length: 45 }, () => 'assigned'));
    } finally {
      await emulator.close();
      await webhook.close();
    }
  });

  it('an https webhook behind a private CA (--ca): calls reuse a verified connection', async () => {
    const tls = await generateEmulatorTls();
    let connections = 0;
    const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ iotHubHostName: HUB })));
    });
    server.on('secureConnection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://localhost:${(server.address() as AddressInfo).port}/api/allocate`;
    const lifetime = new AbortController();
    const traces: AllocationTrace[] = [];
    try {
      const trusted = webhookAllocator({ url, ca: tls.caPem });
      for (let i = 0; i < 4; i += 1) {
        assert.equal((await trusted(context(`tls-${i}`, lifetime.signal, traces))).kind, 'assigned');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal(connections, 1);
      const untrusted = await webhookAllocator({ url })(context('tls-untrusted', lifetime.signal, traces));
      assert.equal(untrusted.kind, 'failed');
      assert.match(String((traces[traces.length - 1]?.response as { message?: string }).message), /TLS failure/);
    } finally {
      lifetime.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
