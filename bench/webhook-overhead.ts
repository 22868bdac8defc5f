import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { allocate } from '../implementations/reference-webhook/allocate.js';
import { spawnTimed } from './spawn-timed.js';

interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** arrival, ms (performance.now) */
  at: number;
  /** sent by the suite's own caller (user-agent dps-conformance/...), not by the Pact verifier child */
  suite: boolean;
}

export interface WebhookOverhead {
  requests: number;
  /** server-side span from the first request's arrival to the last answer, through the harness */
  inRunMs: number;
  /** the whole `dps-conformance webhook` process, start to exit */
  wallMs: number;
  /** the same requests sent one by one directly (own connection each, as the harness does) */
  directMs: number;
  status: number | null;
  /** the suite's own requests: how many, and the span from the first to the last of them */
  suiteRequests: number;
  suiteSpanMs: number;
}

/**
 * The reference webhook's answers served by a recording server: `dps-conformance webhook` runs
 * against it, then every recorded request is sent again directly. The difference per request is what
 * the harness costs (planning, mocha, judging, schema checks, reporting).
 */
export async function measureWebhookOverhead(repoRoot: string): Promise<WebhookOverhead> {
  const recorded: Recorded[] = [];
  let first = 0;
  let last = 0;
  let recording = true;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (recording) {
        if (first === 0) first = performance.now();
        const suite = (req.headers['user-agent'] ?? '').startsWith('dps-conformance/');
        recorded.push({ method: req.method ?? 'POST', path: req.url ?? '/', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, body, at: performance.now(), suite });
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      const answer = allocate(body.toString('utf8'), url.searchParams.get('dialect'));
      res.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.text) });
      res.end(answer.text, () => {
        if (recording) last = performance.now();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const out = await mkdtemp(join(tmpdir(), 'dpsc-bench-webhook-'));
  try {
    const run = await spawnTimed(process.execPath, [join(repoRoot, 'bin', 'dps-conformance.js'), 'webhook', '--url', `http://127.0.0.1:${port}/api/allocate`, '--out', out, '--reporter', 'quiet'], { cwd: repoRoot, timeoutMs: 300_000 });
    recording = false;
    const directStart = performance.now();
    for (const r of recorded) await sendDirect(port, r);
    const directMs = performance.now() - directStart;
    const suiteTimes = recorded.filter((r) => r.suite).map((r) => r.at);
    const suiteSpanMs = suiteTimes.length > 1 ? Math.max(...suiteTimes) - Math.min(...suiteTimes) : 0;
    return {
      requests: recorded.length,
      inRunMs: last - first,
      wallMs: run.wallMs,
      directMs,
      status: run.status,
      suiteRequests: suiteTimes.length,
      suiteSpanMs,
    };
  } finally {
    await rm(out, { recursive: true, force: true });
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

function sendDirect(port: number, r: Recorded): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: { ...r.headers, 'content-length': String(r.body.length) }, agent: false }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end(r.body);
  });
}
