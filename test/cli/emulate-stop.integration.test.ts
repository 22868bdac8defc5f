import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEndpoint, registerDevice } from '../fixtures/devices/embedded-style-device.js';
import { cliPath, repoRoot } from '../helpers/run-cli.js';
import { ctrfView } from '../helpers/ctrf-view.js';

const launcher = fileURLToPath(new URL('../fixtures/launchers/npm-exec-style.js', import.meta.url));
const OTHER_GROUP_KEY = Buffer.alloc(32, 7).toString('base64');

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Started {
  child: ChildProcess;
  out: string;
  ended: Promise<Ended>;
  stdout: () => string;
}

async function waitFor(what: string, test: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Every process group a test started (each launch leads its own), killed whole after the tests: a failed test leaves no emulate behind. */
const groups: number[] = [];

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group has ended: nothing left of it
  }
}

function killGroups(): void {
  groups.splice(0).forEach(killGroup);
}

/** `emulate` on free ports, started directly (`node bin/...`) or the way `npx dps-conformance emulate` starts it. */
async function startEmulate(dirs: string[], how: 'direct' | 'npx'): Promise<Started> {
  const out = mkdtempSync(join(tmpdir(), 'dpsc-emulate-stop-'));
  dirs.push(out);
  const args = ['emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', out];
  let child: ChildProcess;
  if (how === 'direct') {
    child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  } else {
    // npm puts the package's bin links on PATH (node_modules/.bin); the link is what `sh -c` runs
    const bin = mkdtempSync(join(tmpdir(), 'dpsc-npx-bin-'));
    dirs.push(bin);
    symlinkSync(cliPath, join(bin, 'dps-conformance'));
    child = spawn(process.execPath, [launcher, 'dps-conformance', ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` },
    });
  }
  if (child.pid !== undefined) groups.push(child.pid);
  let stdout = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const ended = new Promise<Ended>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const killer = setTimeout(() => killGroup(child.pid), 90_000);
  void ended.then(() => clearTimeout(killer));
  await waitFor('emulator.json appears', () => existsSync(join(out, 'emulator.json')), 30_000);
  return { child, out, ended, stdout: () => stdout };
}

function outcomes(out: string): string[] {
  const ctrf = ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: { extra: { checkId: string; caseId: string; outcome: string } }[] } };
  return ctrf.results.tests.map((t) => `${t.extra.caseId} ${t.extra.checkId} ${t.extra.outcome}`);
}

describe('emulate: exit status and stopping (built CLI)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  after(() => {
    killGroups();
    dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('exits 1 when a graded MUST failed (a wrong key fails device.request.sas) and 0 when none did', async () => {
    const failing = await startEmulate(dirs, 'direct');
    const endpoint = readEndpoint(join(failing.out, 'emulator.json'));
    assert.equal((await registerDevice({ endpoint: { ...endpoint, groupKey: OTHER_GROUP_KEY }, transport: 'https', registrationId: 'wrong-key-1' })).status, 'http 401');
    failing.child.kill('SIGTERM');
    assert.deepEqual(await failing.ended, { code: 1, signal: null }, failing.stdout());
    assert.ok(outcomes(failing.out).includes('wrong-key-1#1 device.request.sas failed'));
    assert.match(failing.stdout(), /stopping \(SIGTERM\)/);
    assert.match(failing.stdout(), /graded: \d+ result\(s\), 1 MUST failed or errored/);

    const passing = await startEmulate(dirs, 'direct');
    assert.equal((await registerDevice({ endpoint: readEndpoint(join(passing.out, 'emulator.json')), transport: 'mqtt', registrationId: 'right-key-1' })).status, 'assigned');
    passing.child.kill('SIGINT');
    assert.deepEqual(await passing.ended, { code: 0, signal: null }, passing.stdout());
  });

  it('npx-style: SIGINT to the launcher (npm) reaches emulate through the shell; the report set is written before the launcher exits', async () => {
    const emulate = await startEmulate(dirs, 'npx');
    const endpoint = readEndpoint(join(emulate.out, 'emulator.json'));
    assert.equal((await registerDevice({ endpoint: { ...endpoint, groupKey: OTHER_GROUP_KEY }, transport: 'https', registrationId: 'npx-int-1' })).status, 'http 401');
    emulate.child.kill('SIGINT');
    const ended = await emulate.ended;
    // dash holds the SIGINT until emulate has exited, then raises it on itself, and npm on itself: a shell
    // that execs its one command (bash) hands emulate's own status back instead
    assert.ok(ended.signal === 'SIGINT' || ended.code === 1, `${JSON.stringify(ended)}\n${emulate.stdout()}`);
    assert.ok(existsSync(join(emulate.out, 'summary.md')), 'the report set exists once the launcher has exited');
    assert.ok(outcomes(emulate.out).includes('npx-int-1#1 device.request.sas failed'));
    assert.match(emulate.stdout(), /stopping \((npx was interrupted \(SIGINT\)|SIGINT)\)/);
  });

  it('npx-style: SIGTERM to the launcher ends npm and its shell at once; emulate notices, writes the report set and exits', async () => {
    const emulate = await startEmulate(dirs, 'npx');
    const endpoint = readEndpoint(join(emulate.out, 'emulator.json'));
    assert.equal((await registerDevice({ endpoint, transport: 'https', registrationId: 'npx-term-1' })).status, 'assigned');
    emulate.child.kill('SIGTERM');
    const ended = await emulate.ended;
    assert.ok(ended.signal === 'SIGTERM' || ended.code === 0, JSON.stringify(ended));
    // emulate's output still comes through the pipe it inherited; its last line follows the report set
    await waitFor('emulate writes the report set', () => /graded: \d+ result\(s\)/.test(emulate.stdout()), 30_000);
    assert.match(emulate.stdout(), /stopping \(npx was stopped/);
    assert.ok(outcomes(emulate.out).includes('npx-term-1#1 device.request.sas passed'));
    await waitFor('emulate closes its ports', async () => !(await portOpen(endpoint.host, endpoint.httpsPort)), 30_000);
  });
});
