import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, webhookAllocator, type RunningEmulator } from '../../src/emulator/index.js';
import { poll, register } from './helpers/device.js';

/** A webhook that counts its TCP connections and answers after `delayMs`. */
async function countingWebhook(delayMs: () => number): Promise<{ url: string; connections: () => number; calls: () => number; close(): Promise<void> }> {
  let connections = 0;
  let calls = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      calls += 1;
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"iotHubHostName":"dpsc-hub-1.azure-devices.net"}'), delayMs());
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/allocate`,
    connections: () => connections,
    calls: () => calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function registerAndFirstPoll(emulator: RunningEmulator, registrationId: string): Promise<number> {
  const first = await register(emulator, registrationId);
  assert.equal(first.status, 202, first.text);
  return (await poll(emulator, registrationId, String(first.json['operationId']))).status;
}

describe('the custom allocation path under load: connection reuse and held polls', () => {
  it('reuses one connection to the webhook for calls one after another (keep-alive, the default)', async () => {
    const webhook = await countingWebhook(() => 0);
    const emulator = await startEmulator({ retryAfterSeconds: 0, allocator: webhookAllocator({ url: webhook.url }) });
    try {
      for (const id of ['ka-1', 'ka-2', 'ka-3']) assert.equal(await registerAndFirstPoll(emulator, id), 200);
      assert.equal(webhook.calls(), 3);
      assert.equal(webhook.connections(), 1, 'each call opened its own connection');
    } finally {
      await emulator.close();
      await webhook.close();
    }
  });

  it('keepAlive false opens a fresh connection for every call', async () => {
    const webhook = await countingWebhook(() => 0);
    const emulator = await startEmulator({ retryAfterSeconds: 0, allocator: webhookAllocator({ url: webhook.url, keepAlive: false }) });
    try {
      for (const id of ['fresh-1', 'fresh-2', 'fresh-3']) assert.equal(await registerAndFirstPoll(emulator, id), 200);
      assert.equal(webhook.connections(), 3);
    } finally {
      await emulator.close();
      await webhook.close();
    }
  });

  it('holds a poll while the allocation runs and answers it assigned the moment the webhook answers', async () => {
    const webhook = await countingWebhook(() => 150);
    const emulator = await startEmulator({ retryAfterSeconds: 0, pollHoldMs: 5000, allocator: webhookAllocator({ url: webhook.url }) });
    try {
      assert.equal(await registerAndFirstPoll(emulator, 'held-1'), 200, 'the first poll was not held until the allocation ended');
    } finally {
      await emulator.close();
      await webhook.close();
    }
  });

  it('answers a held poll assigning when the hold runs out first, and at once with pollHoldMs 0', async () => {
    const webhook = await countingWebhook(() => 800);
    for (const pollHoldMs of [20, 0]) {
      const emulator = await startEmulator({ retryAfterSeconds: 0, pollHoldMs, allocator: webhookAllocator({ url: webhook.url }) });
      try {
        assert.equal(await registerAndFirstPoll(emulator, `short-hold-${pollHoldMs}`), 202);
      } finally {
        await emulator.close();
      }
    }
    await webhook.close();
  });
});
