import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.js';

/** The bound on heap growth over 10,000 hostile inputs (generous: the 20 MB). */
const MAX_GROWTH_MB = 20;

interface LeakReport {
  inputs: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  growthMb: number;
  statuses: Record<string, number>;
  validRegistrationStatus: number;
}

/**
 * 10,000 hostile inputs (both front ends) against one emulator in a child process run with
 * --expose-gc: heapUsed after forced GC grows less than 20 MB, every input got an answer or a clean
 * disconnect, the emulator did not crash, and a valid registration succeeds afterwards.
 */
describe('fuzz: the emulator does not leak across 10,000 hostile inputs', function () {
  // bounded by the work, not the clock: at load ~30 the 12,000 TLS inputs took longer than 220 s once
  this.timeout(620_000);

  it('heap growth after forced GC stays under 20 MB, and a valid registration still succeeds', async () => {
    const child = spawn(process.execPath, ['--expose-gc', join(repoRoot, 'dist', 'test', 'fuzz', 'leak-child.js')], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    assert.equal(code, 0, `the emulator child failed: ${stderr.slice(0, 2000)}`);
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as LeakReport;
    if (process.env['DPSC_HOSTILE_LOG']) process.stdout.write(`${JSON.stringify(report)}\n`);
    assert.equal(report.inputs, 10_000);
    assert.ok(report.growthMb < MAX_GROWTH_MB, `heap grew ${report.growthMb.toFixed(1)} MB over 10,000 inputs`);
    // -1 = the client saw a reset: the emulator cut an oversized body short, which is a clean end too
    const answered = Object.entries(report.statuses).reduce((sum, [, n]) => sum + n, 0);
    assert.equal(answered, 10_000);
    assert.ok(!Object.keys(report.statuses).some((s) => Number(s) >= 500), `a 5xx answer: ${JSON.stringify(report.statuses)}`);
    assert.equal(report.validRegistrationStatus, 202);
  });
});
