import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generateEmulatorTls } from '../../src/emulator/tls/emulator-tls.js';
import { boundedRequest } from '../../src/http/bounded-request.js';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function withServer(handler: RequestListener, body: (url: string) => Promise<void>): Promise<void> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => sockets.add(s));
  const host = await listen(server);
  try {
    await body(`http://${host}/hook?code=k`);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('boundedRequest', function () {
  this.timeout(20_000);

  it('POSTs the body as JSON and returns the whole answer with timing', async () => {
    await withServer(
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json', 'x-method': req.method ?? '', 'x-type': req.headers['content-type'] ?? '' });
          res.end(Buffer.concat(chunks));
        });
      },
      async (url) => {
        const outcome = await boundedRequest({ url, body: '{"a":"é"}' });
        assert.equal(outcome.kind, 'answered');
        if (outcome.kind !== 'answered') return;
        assert.equal(outcome.status, 200);
        assert.equal(outcome.headers['x-method'], 'POST');
        assert.match(String(outcome.headers['x-type']), /^application\/json/);
        assert.equal(outcome.bodyBytes.toString('utf8'), '{"a":"é"}');
        assert.equal(outcome.truncated, false);
        assert.ok(outcome.timing.headersMs !== undefined && outcome.timing.totalMs >= outcome.timing.headersMs);
      },
    );
  });

  it('stops reading one byte past the limit and reports the answer as cut off', async () => {
    let written = 0;
    await withServer(
      (_req, res) => {
        res.writeHead(200);
        const chunk = Buffer.alloc(16 * 1024, 0x61);
        // an endless answer: only a client that stops reading ends this exchange
        const pump = (): void => {
          while (res.write(chunk)) written += chunk.length;
        };
        res.on('drain', pump);
        pump();
      },
      async (url) => {
        const outcome = await boundedRequest({ url, body: '{}', maxBodyBytes: 1000, timeoutMs: 5000 });
        assert.equal(outcome.kind, 'answered');
        if (outcome.kind !== 'answered') return;
        assert.equal(outcome.truncated, true);
        assert.equal(outcome.bodyBytes.length, 1000);
      },
    );
    assert.ok(written < 64 * 1024 * 1024, 'the server could not push the answer into memory whole');
  });

  it('times out on the whole exchange, even when bytes keep dripping', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(200, { 'content-length': '1000' });
        const timer = setInterval(() => res.write('x'), 50);
        res.on('close', () => clearInterval(timer));
      },
      async (url) => {
        const outcome = await boundedRequest({ url, body: '{}', timeoutMs: 400 });
        if (outcome.kind !== 'timeout') return assert.fail(`expected a timeout, got ${outcome.kind}`);
        assert.match(outcome.message, /within 400 ms \(headers after \d+ ms, \d+ body bytes\)/);
        assert.equal(outcome.partial?.status, 200);
      },
    );
  });

  it('does not follow redirects: a 3xx is the answer', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' });
        res.end();
      },
      async (url) => {
        const outcome = await boundedRequest({ url, body: '{}' });
        assert.equal(outcome.kind === 'answered' && outcome.status, 302);
      },
    );
  });

  it('names a refused connection', async () => {
    const server = createServer();
    const host = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const outcome = await boundedRequest({ url: `http://${host}/`, body: '{}' });
    assert.equal(outcome.kind, 'refused');
  });

  it('names a connection closed without an answer, and one reset by the peer', async () => {
    await withServer(
      (req) => req.socket.destroy(),
      async (url) => assert.equal((await boundedRequest({ url, body: '{}' })).kind, 'closed'),
    );
    await withServer(
      (req) => req.socket.resetAndDestroy(),
      async (url) => assert.match((await boundedRequest({ url, body: '{}' })).kind, /^(reset|closed)$/),
    );
  });

  it('names an answer that breaks off mid-body', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write('{"partial":', () => res.socket?.destroy());
      },
      async (url) => {
        const outcome = await boundedRequest({ url, body: '{}' });
        assert.equal(outcome.kind, 'closed');
      },
    );
  });

  it('verifies https servers by default and trusts an extra CA when given', async () => {
    // a server certificate for 127.0.0.1 from a CA no one trusts by default
    const { keyPem: key, certPem: cert, caPem } = await generateEmulatorTls();
    const server = createHttpsServer({ key, cert }, (_req, res) => res.end('{}'));
    const host = await listen(server);
    try {
      const untrusted = await boundedRequest({ url: `https://${host}/`, body: '{}' });
      if (untrusted.kind !== 'error') return assert.fail(`expected a TLS error, got ${untrusted.kind}`);
      assert.match(untrusted.message, /TLS failure/);
      const trusted = await boundedRequest({ url: `https://${host}/`, body: '{}', ca: caPem });
      assert.equal(trusted.kind === 'answered' && trusted.status, 200);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('rejects a URL that is not http or https (a caller mistake)', async () => {
    await assert.rejects(boundedRequest({ url: 'ftp://example.com/' }), TypeError);
  });
});
