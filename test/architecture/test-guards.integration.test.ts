import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.js';

const mocha = join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
const fixtures = join(repoRoot, 'dist', 'test', 'fixtures', 'guards');
const unitGuard = join(repoRoot, 'dist', 'test', 'helpers', 'guard-unit.js');

interface MochaRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs mocha on one fixture as `npm test` (stdout guard, from .mocharc.json) or `npm run test:unit` (plus the unit guard) would. */
function runMocha(fixture: string, unit: boolean): Promise<MochaRun> {
  const args = [mocha, ...(unit ? ['--require', unitGuard] : []), '--reporter', 'dot', join(fixtures, `${fixture}.fixture.js`)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, DPSC_UNIT_CPU_BUDGET_MS: '100' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The guards that keep the fast loop fast and standard output the reporter's (docs/performance.md, "The test loop"). */
describe('the test guards (test/helpers/guard-unit.ts, guard-stdout.ts)', function () {
  this.timeout(60_000);

  it('a well-behaved test passes under both guards', async () => {
    const run = await runMocha('well-behaved', true);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stderr, /a line for the reader/);
  });

  it('the unit guard fails a test that starts a process, naming the rule', async () => {
    const run = await runMocha('spawns-a-process', true);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /child_process\.spawnSync\(.*name the file \*\.integration\.test\.ts/);
    assert.equal((await runMocha('spawns-a-process', false)).status, 0, 'outside the unit run a process is allowed');
  });

  it('the unit guard fails a test that connects beyond loopback', async () => {
    const run = await runMocha('connects-beyond-loopback', true);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /connect to 192\.0\.2\.1: unit tests/);
  });

  it('the unit guard fails a test over its CPU budget, naming the test and its CPU time', async () => {
    const run = await runMocha('burns-cpu', true);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /over the unit budget of 100 ms of CPU each[\s\S]*burns-cpu\.fixture\.js: a test that burns CPU spins for 300 ms \(\d+ ms of CPU\)/);
  });

  it('the stdout guard fails a test that writes to standard output, and moves the line to standard error', async () => {
    const run = await runMocha('writes-stdout', false);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout.replace(/tests wrote to standard output[\s\S]*/, ''), /a line from a test/);
    assert.match(run.stderr, /a line from a test/);
    assert.match(run.stdout, /tests wrote to standard output[\s\S]*writes-stdout\.fixture\.js: a test that writes to standard output logs: "a line from a test\\n"/);
  });

  it('the stdout guard fails a test that starts a process sharing standard output, and gives the process standard error', async () => {
    const run = await runMocha('child-inherits-stdout', false);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.doesNotMatch(run.stdout, /a line from a child/);
    assert.match(run.stderr, /a line from a child/);
    assert.match(run.stdout, /tests wrote to standard output[\s\S]*child-inherits-stdout\.fixture\.js: .*spawns node with stdio inherit: "started .* with the run's standard output as its own/);
  });
});
