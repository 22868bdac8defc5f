import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.js';
import { assertHostileReported, summaryLine, type ExpectedReport } from './assert-hostile.js';
import { hostileRun, limitConcurrency, type HostileRun } from './hostile-run.js';

const adapterScript = join('dist', 'test', 'fixtures', 'hostile', 'hostile-adapter.js');

interface HostileAdapterCase {
  mode: string;
  /** --timeout for the run: short where the adapter hangs, room for real registrations elsewhere */
  timeoutMs: number;
  expect?: ExpectedReport;
  exitStatus?: 0 | 1;
  /** only these cases (`--case-ids`): enough for a misbehaviour in the second registration, and quick */
  caseIds?: string;
}

/**
 * True once `pid` is gone or a zombie (SIGKILL lands asynchronously, and an orphan may linger as a
 * zombie until init reaps it: both are dead), polled for up to `ms`.
 */
async function deadWithin(pid: number, ms: number): Promise<boolean> {
  const alive = (): boolean => {
    try {
      return !/^\d+ \(.*\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  for (let waited = 0; waited < ms && alive(); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return !alive();
}

/**
 * Three cases: enough for a misbehaviour in the second registration, and a run short enough to stay
 * far inside HARD_LIMIT_MS on a loaded machine (the whole suite took 50 s at load 27).
 */
const FEW = 'data-flat,data-nested,pnp-model-id';

/** The modes of test/fixtures/hostile/hostile-adapter.ts and what the harness must report for each. */
const CASES: readonly HostileAdapterCase[] = [
  { mode: 'crash-at-start', timeoutMs: 3000, expect: { checkId: 'adapter.start', outcome: 'errored', message: /crash: the adapter exited with status 3 before replying to start/ } },
  { mode: 'crash-mid-run', timeoutMs: 3000, caseIds: FEW, expect: { checkId: 'adapter.protocol', outcome: 'errored', message: /crash: the adapter (exited with status 137|was killed by SIGKILL) before replying to register/ } },
  { mode: 'hang', timeoutMs: 1000, expect: { checkId: 'adapter.protocol', outcome: 'errored', message: /timeout: no register reply within 2000 ms/ } },
  { mode: 'garbage', timeoutMs: 3000, caseIds: FEW, expect: { checkId: 'adapter.protocol', outcome: 'errored', message: /malformed: the adapter wrote a stdout line that is not UTF-8/ } },
  { mode: 'huge-line', timeoutMs: 3000, caseIds: FEW, expect: { checkId: 'adapter.protocol', outcome: 'errored', message: /too-large: the adapter wrote a stdout line longer than \d+ bytes/ } },
  { mode: 'wrong-seq', timeoutMs: 3000, caseIds: FEW, expect: { checkId: 'adapter.protocol', outcome: 'errored', message: /wrong-seq: the adapter replied with seq \d+, expected seq \d+/ } },
  { mode: 'reply-twice', timeoutMs: 3000, caseIds: FEW, expect: { checkId: 'adapter.protocol', outcome: 'errored', message: /duplicate-reply: the adapter replied to seq \d+ a second time/ } },
  { mode: 'ignore-stop', timeoutMs: 3000, caseIds: FEW, expect: { checkId: 'adapter.stop', outcome: 'errored', message: /expected a reply to stop, got .*had to be ended/ } },
  // stderr is free for logs (docs/contract/adapter-protocol.md): a flood is no misbehaviour, but must not grow the harness
  { mode: 'flood-stderr', timeoutMs: 3000, caseIds: FEW, exitStatus: 0 },
  // nested past what the harness reads: refused before parsing, never a harness fault or a lost run
  {
    mode: 'deep-reply',
    timeoutMs: 3000,
    caseIds: FEW,
    expect: { checkId: 'adapter.protocol', outcome: 'errored', message: /malformed: the adapter wrote a line nested more than 128 levels deep/ },
  },
  // a grandchild in a session of its own: killed when the adapter ends, and named
  {
    mode: 'setsid-grandchild',
    timeoutMs: 3000,
    caseIds: FEW,
    expect: { checkId: 'adapter.stop', outcome: 'errored', message: /got 1 process\(es\) still running outside its process group \(pid \d+: .*setTimeout.*\); the harness killed them/ },
  },
  // DPS's refusal of a body it cannot read is owned by device.request.body (suites/device/refusal-owner.ts); the rest is not reached
  { mode: 'deep-data', timeoutMs: 3000, caseIds: FEW, expect: { checkId: 'device.request.body', outcome: 'failed', message: /register body/ } },
];

/**
 * Every hostile adapter run through the built CLI's `device` command (https, ga, to keep it short):
 * the run finishes, reports the misbehaviour with evidence, exits 1, stays under 300 MB, and leaves no
 * adapter process behind. Four runs at a time; each measures only its own CLI process.
 */
describe('hostile adapters through the built CLI', function () {
  this.timeout(240_000);
  const runs = new Map<string, Promise<{ run: HostileRun; adapterPid: number | undefined }>>();
  const lines: string[] = [];

  before(() => {
    const tasks = CASES.map((c) => async () => {
      const markerDir = mkdtempSync(join(tmpdir(), 'dpsc-hostile-marker-'));
      try {
        const marker = join(markerDir, 'marker');
        const only = c.caseIds === undefined ? [] : ['--case-ids', c.caseIds];
        const run = await hostileRun(['device', '--transport', 'https', '--dialect', 'ga', '--timeout', String(c.timeoutMs), ...only, '--adapter', `node ${adapterScript} ${c.mode} ${marker}`]);
        const pidFile = existsSync(`${marker}.pid`) ? `${marker}.pid` : `${marker}.grandchild`;
        return { run, adapterPid: existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : undefined };
      } finally {
        rmSync(markerDir, { recursive: true, force: true });
      }
    });
    limitConcurrency(tasks, 4).forEach((promise, i) => {
      promise.catch(() => undefined);
      runs.set((CASES[i] as HostileAdapterCase).mode, promise);
    });
  });

  after(() => {
    if (process.env['DPSC_HOSTILE_LOG']) process.stdout.write(`\n${lines.join('\n')}\n`);
  });

  for (const c of CASES) {
    it(`${c.mode}: the run finishes${c.expect ? `, reports ${c.expect.checkId} ${c.expect.outcome}` : ''}, exit ${c.exitStatus ?? 1}, under the memory limit`, async () => {
      const { run } = await (runs.get(c.mode) as Promise<{ run: HostileRun; adapterPid: number | undefined }>);
      const reported = assertHostileReported(run, c.expect, c.exitStatus ?? 1);
      lines.push(summaryLine(c.mode, run, reported));
    });
  }

  it('hang: after three timeouts the rest of the cases are errored as abandoned, not each waited for', async () => {
    const { run } = await (runs.get('hang') as Promise<{ run: HostileRun; adapterPid: number | undefined }>);
    const timeouts = (run.results ?? []).filter((r) => r.checkId === 'adapter.protocol' && /timeout:/.test(r.message));
    const abandoned = (run.results ?? []).filter((r) => r.checkId === 'adapter.protocol' && /gave-up: not sent/.test(r.message));
    assert.equal(timeouts.length, 3);
    assert.ok(abandoned.length > 10, `abandoned: ${abandoned.length}`);
  });

  it('ignore-stop: the adapter that ignores stop, stdin closing and SIGTERM is killed before the CLI exits', async () => {
    const { adapterPid } = await (runs.get('ignore-stop') as Promise<{ run: HostileRun; adapterPid: number | undefined }>);
    assert.ok(adapterPid !== undefined && adapterPid > 0, 'the adapter did not write its pid');
    assert.equal(await deadWithin(adapterPid, 2000), true, `adapter process ${adapterPid} is still running`);
  });

  it('setsid-grandchild: the grandchild that left the adapter\'s process group is gone when the CLI exits', async () => {
    const { adapterPid: grandchildPid } = await (runs.get('setsid-grandchild') as Promise<{ run: HostileRun; adapterPid: number | undefined }>);
    assert.ok(grandchildPid !== undefined && grandchildPid > 0, 'the adapter did not write its grandchild\'s pid');
    assert.equal(await deadWithin(grandchildPid, 2000), true, `grandchild ${grandchildPid} is still running`);
  });

  it('hang: a run whose adapter was given up on is marked incomplete in runInfo, with the reason', async () => {
    const { run } = await (runs.get('hang') as Promise<{ run: HostileRun; adapterPid: number | undefined }>);
    assert.equal(run.runInfo?.['incomplete'], true);
    assert.match(String(run.runInfo?.['incompleteReason']), /timed out 3 times in a row/);
  });

  it('deep-data: the emulator refused the body nested 10,002 deep, and the failure\'s evidence says so', async () => {
    const { run } = await (runs.get('deep-data') as Promise<{ run: HostileRun; adapterPid: number | undefined }>);
    const failed = (run.results ?? []).find((r) => r.checkId === 'device.request.body' && r.outcome === 'failed');
    assert.ok(failed, 'no failed device.request.body');
    assert.match(JSON.stringify(failed.extra['evidence']), /JSON nested 10,002 levels deep, deeper than the 64 levels/);
  });

  it('the hostile adapter script exists in the build', () => {
    assert.ok(existsSync(join(repoRoot, adapterScript)), adapterScript);
    assert.match(readFileSync(join(repoRoot, adapterScript), 'utf8'), /ignore-stop/);
  });
});
