import assert from 'node:assert/strict';
import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { BoundedOutcome } from '../../src/http/bounded-outcome.js';
import { KeepAliveHttpClient, type KeepAlivePost } from '../../src/http/keep-alive-http-client.js';

interface Running {
  url: URL;
  connections: () => number;
  close(): Promise<void>;
}

async function listen(server: Server, path = '/hook?code=k'): Promise<Running> {
  let connections = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    connections += 1;
    sockets.add(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`),
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A node:http server. */
const httpServer = (handler: RequestListener): Promise<Running> => listen(createHttpServer(handler));

/** A server that answers every request with these raw bytes, then closes at once (true) or after an idle while (ms). */
function rawServer(answer: string, close: boolean | number = false): Promise<Running> {
  return listen(
    createNetServer((socket) => {
      let seen = '';
      socket.on('data', (d: Buffer) => {
        seen += d.toString('latin1');
        const end = seen.indexOf('\r\n\r\n');
        const length = /content-length: (\d+)/i.exec(seen);
        if (end < 0 || !length || seen.length < end + 4 + Number(length[1])) return;
        seen = '';
        socket.write(answer);
        if (close === true) socket.end();
        else if (close !== false) setTimeout(() => socket.end(), close);
      });
      socket.on('error', () => undefined);
    }),
  );
}

const post = (client: KeepAliveHttpClient, body = '{}', extra: Partial<KeepAlivePost> = {}): Promise<BoundedOutcome> =>
  client.post({ body, timeoutMs: 2000, maxBodyBytes: 98_304, ...extra });

function answered(outcome: BoundedOutcome): Extract<BoundedOutcome, { kind: 'answered' }> {
  if (outcome.kind !== 'answered') return assert.fail(`expected an answer, got ${outcome.kind}: ${outcome.message}`);
  return outcome;
}

describe('KeepAliveHttpClient (the webhook allocator\'s plain-HTTP pool)', function () {
  this.timeout(20_000);
  let server: Running | undefined;
  let client: KeepAliveHttpClient | undefined;
  afterEach(async () => {
    client?.destroy();
    await server?.close();
    server = undefined;
    client = undefined;
  });

  it('POSTs the body as Node does and reuses one connection for calls one after another', async () => {
    const seen: { method: string | undefined; url: string | undefined; headers: Record<string, unknown>; body: string }[] = [];
    server = await httpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end(body);
      });
    });
    client = new KeepAliveHttpClient(server.url, 4);
    for (let i = 0; i < 3; i += 1) {
      const outcome = answered(await post(client, '{"a":"é"}'));
      assert.equal(outcome.status, 200);
      assert.equal(outcome.statusMessage, 'OK');
      assert.equal(outcome.bodyBytes.toString('utf8'), '{"a":"é"}');
      assert.deepEqual(outcome.headers['set-cookie'], ['a=1', 'b=2']);
      assert.ok(outcome.timing.headersMs !== undefined && outcome.timing.totalMs >= outcome.timing.headersMs);
    }
    assert.equal(server.connections(), 1);
    assert.equal(seen[0]?.method, 'POST');
    assert.equal(seen[0]?.url, '/hook?code=k');
    assert.equal(seen[0]?.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(seen[0]?.headers['content-length'], String(Buffer.byteLength('{"a":"é"}')));
    assert.equal(seen[0]?.headers['host'], server.url.host);
  });

  it('opens at most maxSockets connections; calls beyond wait for one', async () => {
    server = await httpServer((req, res) => {
      req.resume();
      req.on('end', () => setTimeout(() => res.end('{}'), 20));
    });
    client = new KeepAliveHttpClient(server.url, 2);
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => post(client as KeepAliveHttpClient)));
    for (const o of outcomes) assert.equal(answered(o).status, 200);
    assert.equal(server.connections(), 2);
  });

  it('reads chunked answers, skips 100 Continue, and reads to the end an answer without a length', async () => {
    server = await rawServer('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\n{"a"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n');
    client = new KeepAliveHttpClient(server.url, 4);
    const chunked = answered(await post(client));
    assert.equal(chunked.bodyBytes.toString(), '{"a":1}');
    assert.equal(answered(await post(client)).status, 200);
    assert.equal(server.connections(), 1, 'a complete chunked answer leaves the connection reusable');
    await server.close();
    server = await rawServer('HTTP/1.0 200 OK\r\n\r\n{"until":"close"}', true);
    client = new KeepAliveHttpClient(server.url, 4);
    assert.equal(answered(await post(client)).bodyBytes.toString(), '{"until":"close"}');
  });

  it('does not reuse a connection the server says it closes', async () => {
    server = await httpServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { connection: 'close' }).end('{}'));
    });
    client = new KeepAliveHttpClient(server.url, 4);
    for (let i = 0; i < 2; i += 1) assert.equal(answered(await post(client)).status, 200);
    assert.equal(server.connections(), 2);
  });

  it('stops reading one byte past the limit and reports the answer as cut off', async () => {
    server = await httpServer((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 0x61);
      const pump = (): void => {
        while (res.write(chunk));
      };
      res.on('drain', pump);
      pump();
    });
    client = new KeepAliveHttpClient(server.url, 4);
    const outcome = answered(await post(client, '{}', { maxBodyBytes: 1000, timeoutMs: 5000 }));
    assert.equal(outcome.truncated, true);
    assert.equal(outcome.bodyBytes.length, 1000);
  });

  it('times out on the whole exchange, even when bytes keep dripping', async () => {
    server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      const timer = setInterval(() => res.write('x'), 50);
      res.on('close', () => clearInterval(timer));
    });
    client = new KeepAliveHttpClient(server.url, 4);
    const outcome = await post(client, '{}', { timeoutMs: 400 });
    if (outcome.kind !== 'timeout') return assert.fail(`expected a timeout, got ${outcome.kind}`);
    assert.match(outcome.message, /within 400 ms \(headers after \d+ ms, \d+ body bytes\)/);
    assert.equal(outcome.partial?.status, 200);
  });

  it('names a refused connection, one closed without an answer, one broken mid-body, and bytes that are not HTTP', async () => {
    const gone = await httpServer(() => undefined);
    await gone.close();
    client = new KeepAliveHttpClient(gone.url, 4);
    assert.equal((await post(client)).kind, 'refused');
    server = await httpServer((req) => req.socket.destroy());
    client = new KeepAliveHttpClient(server.url, 4);
    const closed = await post(client);
    assert.equal(closed.kind, 'closed');
    assert.equal(closed.kind === 'closed' && closed.message, 'the peer closed the connection without answering');
    await server.close();
    server = await httpServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":', () => res.socket?.destroy());
    });
    client = new KeepAliveHttpClient(server.url, 4);
    const broken = await post(client);
    assert.equal(broken.kind, 'closed');
    assert.match(broken.kind === 'closed' ? broken.message : '', /broke off after 11 body bytes/);
    await server.close();
    server = await rawServer('SSH-2.0-OpenSSH\r\n\r\n');
    client = new KeepAliveHttpClient(server.url, 4);
    const garbage = await post(client);
    assert.equal(garbage.kind, 'error');
    assert.match(garbage.kind === 'error' ? garbage.message : '', /not a valid HTTP answer/);
  });

  it('a 3xx is the answer; an abort ends the call at once', async () => {
    server = await httpServer((req, res) => {
      if (req.url?.includes('slow')) return;
      res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
    });
    client = new KeepAliveHttpClient(server.url, 4);
    assert.equal(answered(await post(client)).status, 302);
    const slow = new KeepAliveHttpClient(new URL('/slow', server.url), 4);
    const controller = new AbortController();
    const pending = post(slow, '{}', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const aborted = await pending;
    assert.equal(aborted.kind, 'error');
    slow.destroy();
  });

  it('after the server closes an idle connection, the next call opens a new one', async () => {
    server = await rawServer('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}', 50);
    client = new KeepAliveHttpClient(server.url, 4);
    assert.equal(answered(await post(client)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(answered(await post(client)).status, 200);
    assert.equal(server.connections(), 2);
  });

  it('serves only plain http: URLs without credentials', () => {
    assert.equal(KeepAliveHttpClient.supports(new URL('http://127.0.0.1:1/a')), true);
    assert.equal(KeepAliveHttpClient.supports(new URL('https://127.0.0.1:1/a')), false);
    assert.equal(KeepAliveHttpClient.supports(new URL('http://u:p@127.0.0.1:1/a')), false);
  });
});
