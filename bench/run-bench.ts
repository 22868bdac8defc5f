/**
 * `npm run bench`: measures the emulator, the harness and the CLI, each figure beside a baseline
 * measured in the same run on the same machine; prints a table and writes bench/results.json. A
 * measurement, not a test: it exits 0 even when a target is missed, and says MISSED loudly.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { amqpThroughputRow } from './amqp-throughput.js';
import { formatBenchTable, type BenchRow } from './bench-row.js';
import { measureCliStart } from './cli-start.js';
import { BENCH_DEVICE_COUNTS } from './emulator-throughput.js';
import { measureFullRun } from './full-run.js';
import { reportSizeRows } from './report-size.js';
import { measureFirstRun } from './sdk-install-run.js';
import { machineInfo } from './machine-info.js';
import { loadCeilingRow } from './load-ceiling.js';
import { throughputRows } from './throughput-rows.js';
import { deviceStabilityRow } from './device-stability.js';
import { compareVerdicts, describeDifferences } from './verdict-differences.js';
import { measureWebhookOverhead } from './webhook-overhead.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

/** The bench's parts, in the order they run; `npm run bench -- --only stability,runs` runs some of them. */
const PARTS = ['throughput', 'amqp', 'load-ceiling', 'webhook-overhead', 'cli-start', 'stability', 'runs'] as const;
type Part = (typeof PARTS)[number];
const isPart = (name: string): name is Part => (PARTS as readonly string[]).includes(name);

function usage(problem: string): never {
  process.stderr.write(`bench: ${problem}\nusage: npm run bench [-- --only PART[,PART...]]; parts: ${PARTS.join(', ')}\n`);
  process.exit(2);
}

/** Every part, or those `--only` names; anything else is a usage error (exit 2), before an hour of measuring. */
function selectedParts(args: readonly string[]): Set<Part> {
  if (args.length === 0) return new Set(PARTS);
  const [flag, value] = args[0]?.startsWith('--only=') ? ['--only', args[0].slice('--only='.length)] : [args[0], args[1]];
  const used = args[0]?.startsWith('--only=') ? 1 : 2;
  if (flag !== '--only' || args.length > used) usage(`unknown argument ${args.join(' ')}`);
  const names = (value ?? '').split(',').map((n) => n.trim()).filter((n) => n.length > 0);
  if (names.length === 0) usage('--only needs a list of parts');
  const unknown = names.filter((n) => !isPart(n));
  if (unknown.length > 0) usage(`no bench part named ${unknown.join(', ')}`);
  return new Set(names.filter(isPart));
}

const only = selectedParts(process.argv.slice(2));
const machine = machineInfo();
const rows: BenchRow[] = [];

if (only.has('throughput')) for (const transport of ['https', 'mqtt'] as const) {
  log(`emulator throughput over ${transport}: bare server, static path, custom path (emulate default), at ${BENCH_DEVICE_COUNTS.join(', ')} devices`);
  rows.push(...(await throughputRows(transport, log)));
}

if (only.has('amqp')) rows.push(await amqpThroughputRow(log));

if (only.has('load-ceiling')) {
  log('load generator ceiling: `load --webhook` against a bare HTTP server, beside a bare client');
  rows.push(await loadCeilingRow(repoRoot));
}

async function webhookOverheadRow(): Promise<BenchRow> {
  log('harness overhead per webhook request (dps-conformance webhook vs the same requests sent directly)');
  const overhead = await measureWebhookOverhead(repoRoot);
  const perRequest = (ms: number): number => (overhead.requests > 0 ? ms / overhead.requests : Number.NaN);
  return {
    name: 'harness overhead per webhook request',
    figure: perRequest(overhead.inRunMs - overhead.directMs),
    unit: 'ms',
    baseline: perRequest(overhead.directMs),
    target: '<= 2 ms',
    met: perRequest(overhead.inRunMs - overhead.directMs) <= 2,
    note: `${overhead.requests} requests; in the run ${Math.round(overhead.inRunMs)} ms (first request to last answer), directly ${Math.round(overhead.directMs)} ms (baseline column: ms per direct request); whole process incl. start and reports ${Math.round(overhead.wallMs)} ms = ${perRequest(overhead.wallMs - overhead.directMs).toFixed(2)} ms/request; of them ${overhead.suiteRequests} from the suite's own caller, spanning ${Math.round(overhead.suiteSpanMs)} ms (${(overhead.suiteSpanMs / Math.max(1, overhead.suiteRequests)).toFixed(2)} ms each, direct time included), the rest from the forked Pact verifier; exit ${String(overhead.status)}`,
  };
}
if (only.has('webhook-overhead')) rows.push(await webhookOverheadRow());

if (only.has('cli-start')) {
  log('CLI start: dps-conformance --help vs node -e 0');
  const start = await measureCliStart(repoRoot);
  rows.push({ name: 'CLI start (--help), median', figure: start.helpMs, unit: 'ms', baseline: start.nodeMs, ratio: start.helpMs / start.nodeMs, target: '<= 2x node -e 0', met: start.helpMs <= 2 * start.nodeMs, note: '15 spawns each, alternating' });
}

if (only.has('stability')) {
  log('device suite stability: the reference device and a naive one, several runs each under a CPU hog');
  rows.push(await deviceStabilityRow(repoRoot, log));
}

/** The two `run`s in a row (installing, then cached): their time, memory, results whose outcome differs, and the cached run's report set size. */
async function runRows(): Promise<BenchRow[]> {
  const runs: BenchRow[] = [];
  log('run with every bundled implementation, first with an empty SDK cache (installs the Python and Java SDKs)');
  const first = await measureFirstRun(repoRoot);
  const mb = (kib: number | undefined): number => (kib ?? Number.NaN) / 1024;
  log('full run as users run it: every bundled implementation, the SDK cache as it is, default concurrency');
  const full = await measureFullRun(repoRoot);
  const exitOk = (status: number | null): boolean => status === 0 || status === 1;
  runs.push({
    name: 'run, all implementations, first (installing)',
    figure: first.run.wallMs / 1000,
    unit: 's',
    baseline: full.run.wallMs / 1000,
    ratio: first.run.wallMs / full.run.wallMs,
    target: 'reported',
    met: exitOk(first.run.status),
    note: `empty DPSC_CACHE_DIR; ${first.installSeconds.toFixed(1)} s of it installing (pip and Maven download caches as found); baseline column: the full run below; peak RSS ${mb(first.run.peakRssKiB).toFixed(0)} MB; exit ${String(first.run.status)}`,
  });
  const twice = compareVerdicts([first.verdicts, full.verdicts]);
  runs.push({
    name: 'two runs in a row: results whose outcome differs',
    figure: twice.differing.length + twice.unmatched,
    unit: 'results',
    baseline: twice.compared,
    target: '0',
    met: twice.compared > 0 && twice.differing.length + twice.unmatched === 0,
    note: `the two \`run\`s above (installing, then cached), every result by implementation, transport, dialect, case and check; baseline column: results compared; ${describeDifferences(twice)}`,
  });
  runs.push({
    name: 'full run wall time',
    figure: full.run.wallMs / 1000,
    unit: 's',
    target: '<= 90 s',
    met: exitOk(full.run.status) && full.run.wallMs <= 90_000,
    note: `\`run\` with the Python and Java SDKs cached; ${full.verdict ?? 'no verdict line'}; exit ${String(full.run.status)} (1: the SDKs' real findings); phases (overlapping: implementations and their adapters run side by side): ${full.phases ?? 'not recorded'}`,
  });
  runs.push({
    name: 'full run peak RSS',
    figure: mb(full.run.peakRssKiB),
    unit: 'MB',
    target: '<= 400 MB',
    met: full.run.peakRssKiB !== undefined && mb(full.run.peakRssKiB) <= 400,
    note: `largest single process (/usr/bin/time -v: the harness); the whole process tree (harness, 33 adapters: JVMs, Pythons, nodes) peaked at ${mb(full.run.peakTreeRssKiB).toFixed(0)} MB together`,
  });
  if (full.reportSet) runs.push(...reportSizeRows(full.reportSet, `main job report (${full.reportSet.results} results)`));
  else runs.push({ name: 'main job report size', figure: Number.NaN, unit: 'MB', target: 'ctrf.json <= 4 MB, junit.xml <= 3 MB, report.html <= 1 MB', met: false, note: `the full run wrote no report set to measure (exit ${String(full.run.status)})` });
  return runs;
}
if (only.has('runs')) rows.push(...(await runRows()));

const header = `dps-conformance bench — ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.os}`;
process.stdout.write(`\n${header}\n\n${formatBenchTable(rows)}\n`);
const missed = rows.filter((r) => !r.met);
process.stdout.write(missed.length === 0 ? '\nall targets met\n' : `\nMISSED ${missed.length} target(s): ${missed.map((r) => r.name).join('; ')}\n`);
await writeFile(join(repoRoot, 'bench', 'results.json'), `${JSON.stringify({ at: new Date().toISOString(), machine, parts: [...only], rows }, null, 2)}\n`);
log('wrote bench/results.json');
