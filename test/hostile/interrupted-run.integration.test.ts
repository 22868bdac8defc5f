import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocate } from '../../implementations/reference-webhook/allocate.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { runMeasuredCli } from './run-measured-cli.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface Ctrf {
  results: { tests: unknown[]; extra?: { runInfo?: { incomplete?: boolean; incompleteReason?: string } } };
}

/**
 * Data safety: a run interrupted by SIGINT or SIGTERM writes what it has, marked incomplete, and a
 * truncated report is refused by `report merge` (exit 2) instead of being read as a smaller run.
 */
describe('data safety: interrupted runs and truncated reports', function () {
  this.timeout(90_000);
  let server: Server;
  let url = '';
  let calls = 0;
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-interrupt-'));
    dirs.push(dir);
    return dir;
  };
  before(async () => {
    // a correct webhook that takes 150 ms per answer, so the run is still going when it is interrupted
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        calls += 1;
        const answer = allocate(Buffer.concat(chunks).toString('utf8'));
        const timer = setTimeout(() => {
          res.writeHead(answer.status, { 'content-type': answer.contentType });
          res.end(answer.text);
        }, 150);
        res.on('close', () => clearTimeout(timer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/allocate`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} after the first results: ctrf.json is written, parses, and says incomplete`, async () => {
      const out = tempDir();
      calls = 0;
      let sent = false;
      const run = await runMeasuredCli(['webhook', '--url', url, '--timeout', '3000', '--out', out, '--reporter', 'verbose'], {
        hardLimitMs: 60_000,
        onStdout: (text, kill) => {
          // the first results are on the console: interrupt now
          if (!sent && /passed/.test(text) && calls >= 3) {
            sent = true;
            kill(signal);
          }
        },
      });
      assert.ok(sent, `the run never showed a result: ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`);
      assert.equal(run.killed, false, 'the interrupted run did not end by itself');
      assert.equal(run.signal, null, 'the CLI died of the signal instead of handling it');
      assert.ok(run.status === 1 || run.status === 2 || run.status === 0, `exit ${String(run.status)}`);
      const ctrf = ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as Ctrf;
      assert.equal(ctrf.results.extra?.runInfo?.incomplete, true, JSON.stringify(ctrf.results.extra?.runInfo));
      assert.ok(ctrf.results.tests.length > 0, 'the results gathered before the interrupt are kept');
      assert.ok(ctrf.results.tests.length < 300, 'the run stopped early');
      // nothing half-written is left behind: only the report files, no temporary files
      assert.deepEqual(readdirSync(out).filter((name) => name.endsWith('.tmp')), []);
    });
  }

  it('report merge refuses a truncated ctrf.json with exit 2 (and writes no merged report)', async () => {
    const full = tempDir();
    const run = await runCliInProcess(['webhook', '--url', url, '--timeout', '3000', '--shard', '1/20', '--out', full, '--reporter', 'quiet'], { timeoutMs: 60_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const text = readFileSync(join(full, 'ctrf.json'), 'utf8');
    const broken = tempDir();
    writeFileSync(join(broken, 'ctrf.json'), text.slice(0, Math.floor(text.length / 2)));
    const merged = join(tempDir(), 'merged');
    const merge = await runCliInProcess(['report', 'merge', full, broken, '--out', merged], { timeoutMs: 30_000 });
    assert.equal(merge.status, 2, merge.stdout + merge.stderr);
    assert.match(merge.stderr, /ctrf\.json/);
    assert.doesNotMatch(merge.stderr, /\n\s+at /);
    assert.equal(existsSync(join(merged, 'ctrf.json')), false);
  });
});
