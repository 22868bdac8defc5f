import assert from 'node:assert/strict';
import type { BoundedOutcome } from '../../src/http/bounded-outcome.js';
import { boundedRequest } from '../../src/http/bounded-request.js';
import { ConnectionPool } from '../../src/http/connection-pool.js';
import { httpServer, rawServer, type RunningServer } from './http-test-servers.js';

const answered = (outcome: BoundedOutcome): Extract<BoundedOutcome, { kind: 'answered' }> =>
  outcome.kind === 'answered' ? outcome : assert.fail(`expected an answer, got ${outcome.kind}: ${outcome.message}`);

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('boundedRequest over a keep-alive ConnectionPool (undici)', function () {
  this.timeout(30_000);
  let server: RunningServer | undefined;
  let pool: ConnectionPool | undefined;
  afterEach(async () => {
    pool?.destroy();
    await server?.close();
    server = undefined;
    pool = undefined;
  });
  const post = (url: URL, extra: { timeoutMs?: number; maxBodyBytes?: number } = {}): Promise<BoundedOutcome> =>
    boundedRequest({ url, body: '{"a":"é"}', timeoutMs: 5000, ...extra, ...(pool ? { pool } : {}) });

  it('reuses a connection for calls one after another, and keeps the answer whole', async () => {
    const seen: { method: string | undefined; url: string | undefined; type: string | undefined; length: string | undefined; body: string }[] = [];
    server = await httpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, type: req.headers['content-type'], length: req.headers['content-length'], body });
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end(body);
      });
    });
    pool = new ConnectionPool(server.url, { connections: 4 });
    for (let i = 0; i < 6; i += 1) {
      const outcome = answered(await post(server.url));
      assert.equal(outcome.status, 200);
      assert.equal(outcome.statusMessage, 'OK');
      assert.equal(outcome.bodyBytes.toString('utf8'), '{"a":"é"}');
      assert.deepEqual(outcome.headers['set-cookie'], ['a=1', 'b=2']);
      assert.equal(outcome.freshConnectionRetry, undefined);
    }
    // undici lets a connection rest one event-loop turn before reusing it, so a call made in the turn
    // the last answer came opens a second one; after that the two take turns
    assert.ok(server.connections() <= 2, `${server.connections()} connections for 6 calls`);
    assert.deepEqual(seen[0], { method: 'POST', url: '/hook?code=k', type: 'application/json; charset=utf-8', length: String(Buffer.byteLength('{"a":"é"}')), body: '{"a":"é"}' });
  });

  it('opens at most `connections` connections; calls beyond wait for one', async () => {
    server = await httpServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('{}'), 20));
    });
    pool = new ConnectionPool(server.url, { connections: 2 });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => post((server as RunningServer).url)));
    for (const o of outcomes) assert.equal(answered(o).status, 200);
    assert.equal(server.connections(), 2);
  });

  it('does not reuse a connection the server says it closes, nor one after a cut-off answer', async () => {
    server = await httpServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { connection: 'close' }).end('{}'));
    });
    pool = new ConnectionPool(server.url, { connections: 4 });
    for (let i = 0; i < 2; i += 1) assert.equal(answered(await post(server.url)).status, 200);
    assert.equal(server.connections(), 2);
    await server.close();
    pool.destroy();
    const carriedOn = new Set<number | undefined>();
    server = await httpServer((req, res) => {
      carriedOn.add(req.socket.remotePort);
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('x'.repeat(5000));
    });
    pool = new ConnectionPool(server.url, { connections: 4 });
    for (let i = 0; i < 3; i += 1) {
      assert.equal(answered(await post(server.url, { maxBodyBytes: 1000 })).truncated, true);
      await pause(20);
    }
    assert.equal(carriedOn.size, 3, 'a connection whose answer was cut off carried another request');
  });

  it("honours the server's Keep-Alive timeout hint: a connection the server keeps 1 s is not reused after 1 s", async () => {
    server = await httpServer(
      (req, res) => {
        req.resume();
        req.on('end', () => res.end('{}'));
      },
      (s) => {
        // Node's server closes after 1 s idle and says `Keep-Alive: timeout=1`
        s.keepAliveTimeout = 1000;
      },
    );
    pool = new ConnectionPool(server.url, { connections: 4 });
    for (let i = 0; i < 3; i += 1) assert.equal(answered(await post(server.url)).status, 200);
    // undici stops reusing 2 s before the server's hint runs out: with a hint of 1 s, never
    assert.equal(server.connections(), 3);
  });

  it('sends the request once more on a fresh connection when the server closed the reused one before any byte of the answer', async () => {
    // answers, then closes each connection 30 ms later without a Keep-Alive hint
    server = await rawServer('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}', 30);
    pool = new ConnectionPool(server.url, { connections: 4 });
    assert.equal(answered(await post(server.url)).status, 200);
    // undici keeps an idle connection 4 s without a hint; the server closed this one after 30 ms
    await pause(100);
    const second = answered(await post(server.url));
    assert.equal(second.status, 200);
    assert.equal(server.connections(), 2);
    // a FIN that arrives while idle is seen by undici before reuse; it may then have opened a new one itself
    if (second.freshConnectionRetry) assert.match(second.freshConnectionRetry.message, /closed the connection without answering|reset/);
  });

  it('retries a reused connection closed as the request was written, and records the first failure', async () => {
    // every connection answers its first request and then swallows the next one and closes
    let served = 0;
    server = await httpServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const count = ((req.socket as unknown as { count?: number }).count ?? 0) + 1;
        (req.socket as unknown as { count?: number }).count = count;
        if (count > 1) return req.socket.destroy();
        served += 1;
        res.end('{}');
      });
    });
    pool = new ConnectionPool(server.url, { connections: 1 });
    assert.equal(answered(await post(server.url)).status, 200);
    const second = answered(await post(server.url));
    assert.equal(second.status, 200);
    assert.equal(served, 2);
    assert.deepEqual(second.freshConnectionRetry, { kind: 'closed', message: 'the peer closed the connection without answering' });
  });

  it('does not retry a fresh connection the server closes without answering: that is the peer', async () => {
    let requests = 0;
    server = await httpServer((req) => {
      requests += 1;
      req.socket.destroy();
    });
    pool = new ConnectionPool(server.url, { connections: 4 });
    const outcome = await post(server.url);
    assert.equal(outcome.kind, 'closed');
    assert.equal(outcome.freshConnectionRetry, undefined);
    assert.equal(requests, 1);
  });
});
