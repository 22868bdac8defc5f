import { Worker } from 'node:worker_threads';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCtrf } from '../src/report/format/parse-ctrf.js';
import { corpusMix } from '../src/cli/commands/load/corpus-mix.js';
import { prepareWebhookRequests } from '../src/load/load-mix.js';
import type { BareClientJob } from './bare-load-client.js';
import { startBareWebhook } from './bare-webhook-server.js';
import type { BenchRow } from './bench-row.js';
import { spawnTimed } from './spawn-timed.js';

const LOAD_SECONDS = 3;
/** `load` is asked for what the bare client got from the server (at most load's own limit): more would only pile up connections. */
const MAX_RATE = 20_000;
const CONCURRENCY = 64;
/** `load` must reach this share of what the bare client gets from the same server. */
const SHARE = 0.5;

function bareClient(url: string, body: string): Promise<number> {
  const job: BareClientJob = { url, body, concurrency: CONCURRENCY, warmupMs: 500, measureMs: 2500 };
  const worker = new Worker(new URL('./bare-load-client.js', import.meta.url), { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (perSecond: number) => resolve(perSecond));
    worker.once('error', reject);
  });
}

interface Achieved {
  perSecond: number;
  errors: number;
  dropped: number;
  late: number;
}

/** `load --webhook` (the CLI, in its own process) asked for `rate`/s; its correct answers per second from ctrf.json. */
async function loadCli(repoRoot: string, url: string, rate: number): Promise<Achieved> {
  const out = await mkdtemp(join(tmpdir(), 'dpsc-bench-load-'));
  try {
    const cli = join(repoRoot, 'bin', 'dps-conformance.js');
    await spawnTimed(process.execPath, [cli, 'load', '--webhook', url, '--rate', String(rate), '--duration', String(LOAD_SECONDS), '--timeout', '5000', '--out', out], { cwd: repoRoot, timeoutMs: 60_000 });
    const { results } = parseCtrf(await readFile(join(out, 'ctrf.json'), 'utf8'));
    const achieved: Achieved = { perSecond: 0, errors: 0, dropped: 0, late: 0 };
    for (const result of results) {
      const evidence = result.evidence as LoadEvidence | undefined;
      if (result.checkId !== 'load.throughput' || !evidence) continue;
      achieved.perSecond += evidence.achievedRatePerSecond;
      achieved.errors += evidence.outcomes.errors + evidence.outcomes.timeouts;
      achieved.dropped += evidence.schedule.dropped;
      achieved.late = Math.max(achieved.late, evidence.schedule.lateStarts);
    }
    return achieved;
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

interface LoadEvidence {
  achievedRatePerSecond: number;
  outcomes: { errors: number; timeouts: number };
  schedule: { dropped: number; lateStarts: number };
}

/**
 * `load`'s own ceiling: `dps-conformance load --webhook` asked for more than one process can send,
 * against a bare HTTP server that answers at once, beside a bare closed-loop client on the same
 * server in the same run. A `load` figure near this ceiling is the generator's limit, not the
 * webhook's: go past one machine (docs/load-distributed.md).
 */
export async function loadCeilingRow(repoRoot: string): Promise<BenchRow> {
  const server = await startBareWebhook();
  try {
    const request = prepareWebhookRequests(corpusMix('ga'), server.url)[0];
    const bare = await bareClient(server.url, request?.text ?? '{}');
    const rate = Math.max(1, Math.min(MAX_RATE, Math.round(bare)));
    const load = await loadCli(repoRoot, server.url, rate);
    return {
      name: 'load ceiling (--webhook, one process)',
      figure: load.perSecond,
      unit: '/s',
      baseline: bare,
      ratio: load.perSecond / bare,
      target: `>= ${SHARE * 100}% of a bare client`,
      met: load.perSecond >= SHARE * bare && load.errors === 0,
      note: `\`load --webhook\` (its own process) asked for the baseline's rate, ${rate}/s, for ${LOAD_SECONDS} s (corpus mix, own connection per request, as DPS sends them) against a bare node:http webhook; baseline: ${CONCURRENCY} closed loops posting one request each, fresh connection each, in a worker thread; ${load.dropped} slots dropped (in-flight cap reached), ${load.late} late starts (the generator fell behind), ${load.errors} errors/timeouts. A \`load\` figure near this one measures the generator, not the webhook`,
    };
  } finally {
    await server.close();
  }
}
