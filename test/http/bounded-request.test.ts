import assert from 'node:assert/strict';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { generateEmulatorTls } from '../../src/emulator/tls/emulator-tls.js';
import type { BoundedOutcome } from '../../src/http/bounded-outcome.js';
import { boundedRequest } from '../../src/http/bounded-request.js';
import { rawServer, type RunningServer } from './http-test-servers.js';

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

  describe('answers framed or worded in every way HTTP/1.1 allows, and some it does not', () => {
    let server: RunningServer | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });
    const call = async (answer: string, close: boolean | number = false): Promise<BoundedOutcome> => {
      server = await rawServer(answer, close);
      return boundedRequest({ url: server.url, body: '{}', timeoutMs: 2000 });
    };
    const answered = (outcome: BoundedOutcome): Extract<BoundedOutcome, { kind: 'answered' }> =>
      outcome.kind === 'answered' ? outcome : assert.fail(`expected an answer, got ${outcome.kind}: ${outcome.message}`);

    it('reads a chunked answer (chunk extensions included)', async () => {
      const outcome = answered(await call('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n4\r\n{"a"\r\n3;x=y\r\n:1}\r\n0\r\n\r\n'));
      assert.equal(outcome.bodyBytes.toString(), '{"a":1}');
    });

    it('skips interim 1xx answers (103 Early Hints) and keeps the final one with its own headers', async () => {
      const outcome = answered(await call('HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\nx-final: yes\r\n\r\n{}'));
      assert.equal(outcome.status, 200);
      assert.equal(outcome.headers['x-final'], 'yes');
      assert.equal(outcome.headers['link'], undefined);
    });

    it('names an unsolicited 100 Continue as not a valid HTTP answer (undici refuses it; a known gap)', async () => {
      const outcome = await call('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}');
      assert.equal(outcome.kind, 'error');
      assert.match(outcome.kind === 'error' ? outcome.message : '', /not a valid HTTP answer .*100 Continue/);
    });

    it('reads an HTTP/1.0 answer framed by the end of the connection, and one that says Connection: close', async () => {
      assert.equal(answered(await call('HTTP/1.0 200 OK\r\n\r\n{"until":"close"}', true)).bodyBytes.toString(), '{"until":"close"}');
      await server?.close();
      const closing = answered(await call('HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: 2\r\n\r\n{}', true));
      assert.equal(closing.status, 200);
    });

    it('names bytes that are not HTTP', async () => {
      const outcome = await call('SSH-2.0-OpenSSH\r\n\r\n');
      assert.equal(outcome.kind, 'error');
      assert.match(outcome.kind === 'error' ? outcome.message : '', /not a valid HTTP answer/);
    });

    it('names an answer cut off before its content-length, with what arrived', async () => {
      const outcome = await call('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"partial":', true);
      assert.equal(outcome.kind, 'closed');
      assert.match(outcome.kind === 'closed' ? outcome.message : '', /broke off after 11 body bytes/);
      assert.deepEqual(outcome.kind === 'closed' && outcome.partial, { status: 200, bodyBytes: 11 });
    });

    it('times out on a peer that accepts the request and never answers, saying how far it got', async () => {
      server = await rawServer('', false);
      const outcome = await boundedRequest({ url: server.url, body: '{}', timeoutMs: 300 });
      assert.equal(outcome.kind, 'timeout');
      assert.match(outcome.kind === 'timeout' ? outcome.message : '', /within 300 ms \(connected, no headers\)/);
    });
  });

  it('sends the request on a connection of its own, saying Connection: close, and sends URL credentials as Basic auth', async () => {
    const seen: { connection?: string; authorization?: string }[] = [];
    await withServer(
      (req, res) => {
        const { connection, authorization } = req.headers;
        seen.push({ ...(connection ? { connection } : {}), ...(authorization ? { authorization } : {}) });
        req.resume();
        req.on('end', () => res.end('{}'));
      },
      async (url) => {
        const withUser = new URL(url);
        withUser.username = 'u';
        withUser.password = 'p w';
        assert.equal((await boundedRequest({ url: withUser, body: '{}' })).kind, 'answered');
      },
    );
    assert.deepEqual(seen, [{ connection: 'close', authorization: `Basic ${Buffer.from('u:p w').toString('base64')}` }]);
  });

  it('ends at once with kind error when the caller aborts, before or during the exchange', async () => {
    await withServer(
      () => undefined,
      async (url) => {
        const before = await boundedRequest({ url, body: '{}', signal: AbortSignal.abort() });
        assert.deepEqual([before.kind, before.kind === 'error' && before.message], ['error', 'aborted by the caller']);
        const controller = new AbortController();
        const pending = boundedRequest({ url, body: '{}', signal: controller.signal });
        setTimeout(() => controller.abort(), 50);
        const during = await pending;
        assert.equal(during.kind, 'error');
        assert.ok(during.timing.totalMs < 5000);
      },
    );
  });

  it('rejects a URL that is not http or https (a caller mistake)', async () => {
    await assert.rejects(boundedRequest({ url: 'ftp://example.com/' }), TypeError);
  });
});
