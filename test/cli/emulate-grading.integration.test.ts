import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEndpoint, registerDevice, type EmulatorEndpoint } from '../fixtures/devices/embedded-style-device.js';
import { cliPath, repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  status: string;
  message?: string;
  extra: { checkId: string; level: string; outcome: string; transport: string; caseId: string; implementation: { name: string } };
}

interface Emulate {
  endpoint: EmulatorEndpoint;
  out: string;
  /** SIGINT, then the exit code and the report set's CTRF tests */
  stop(): Promise<{ code: number | null; stdout: string; stderr: string; tests: CtrfTest[] }>;
}

/** Waits for a file the child writes; a child that exits first fails at once with what it said. */
async function waitForFile(path: string, timeoutMs: number, child: ChildProcess, said: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`emulate exited (${child.exitCode ?? child.signalCode}) before writing ${path}: ${said()}`);
    if (Date.now() > deadline) throw new Error(`${path} did not appear within ${timeoutMs} ms: ${said()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** `emulate` through the built CLI; ports 0 (all three) only so that parallel test runs cannot collide (no behaviour option). */
async function startEmulate(out: string, extra: string[] = []): Promise<Emulate> {
  const child: ChildProcess = spawn(process.execPath, [cliPath, 'emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', out, ...extra], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  await waitForFile(join(out, 'emulator.json'), 60_000, child, () => stderr.trim() || stdout.trim());
  return {
    endpoint: readEndpoint(join(out, 'emulator.json')),
    out,
    async stop() {
      child.kill('SIGINT');
      const code = await exited;
      clearTimeout(killer);
      const ctrf = join(out, 'ctrf.json');
      const tests = existsSync(ctrf) ? (ctrfView(readFileSync(ctrf, 'utf8')) as { results: { tests: CtrfTest[] } }).results.tests : [];
      return { code, stdout, stderr, tests };
    },
  };
}

const failures = (tests: readonly CtrfTest[]): string[] =>
  tests.filter((t) => t.extra.outcome === 'failed' || t.extra.outcome === 'errored').map((t) => `${t.extra.checkId} [${t.extra.caseId}]: ${t.message ?? ''}`);

describe('emulate with a device like the Embedded C SDK (built CLI)', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  const outDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-emulate-grade-'));
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('registers without skn and with CleanSession 0 over HTTPS, MQTT and MQTT-WS; a second connection gets sessionPresent 0 and nothing unasked; the report has no failure', async () => {
    const emulate = await startEmulate(outDir());
    const payload = { modelId: 'dtmi:com:example:Thermostat;1', site: 'Zürich' };
    try {
      for (const transport of ['https', 'mqtt', 'mqtt-ws'] as const) {
        const outcome = await registerDevice({ endpoint: emulate.endpoint, transport, registrationId: `embedded-${transport}`, payload });
        assert.equal(outcome.status, 'assigned', `${transport}: ${JSON.stringify(outcome)}`);
        assert.deepEqual(outcome.registrationState?.['payload'], payload, transport);
      }
      const again = await registerDevice({ endpoint: emulate.endpoint, transport: 'mqtt', registrationId: 'embedded-mqtt', payload });
      assert.equal(again.sessionPresent, false);
      assert.deepEqual(again.unasked, []);
      assert.equal(again.status, 'assigned');
    } finally {
      const { code, stdout, stderr, tests } = await emulate.stop();
      assert.equal(code, 0, stderr);
      assert.deepEqual(failures(tests), []);
      // the banner prints the certificate's name, not the address it does not verify as
      assert.match(stdout, new RegExp(`https://localhost:${emulate.endpoint.httpsPort}/`));
      assert.equal(emulate.endpoint.serverName, 'localhost');
      assert.match(stdout, /graded: \d+ result\(s\), 0 MUST failed or errored/);
      const ids = new Set(tests.map((t) => t.extra.checkId));
      for (const id of ['device.request.path', 'device.request.registrationId', 'device.request.sas', 'device.data.sent', 'device.polling.terminal', 'device.polling.retryAfter', 'device.mqtt.protocol']) {
        assert.ok(ids.has(id), `${id} graded`);
      }
      // one result per registration and check: the MQTT device registered twice
      assert.equal(tests.filter((t) => t.extra.checkId === 'device.request.sas' && t.extra.caseId.startsWith('embedded-mqtt#')).length, 2);
      for (const file of ['ctrf.json', 'junit.xml', 'summary.md', 'report.html']) assert.ok(existsSync(join(emulate.out, file)), file);
    }
  });

  it('fails device.polling.retryAfter for the registration of a device that polls too soon, and only that one', async () => {
    // Retry-After 6 s: the too-soon device polls at once, so its poll is early unless the machine stalls it
    // for 5 s (at the default 2 s, a load of ~25 delayed it past the 1 s margin once and it passed)
    const emulate = await startEmulate(outDir(), ['--retry-after', '6']);
    try {
      await registerDevice({ endpoint: emulate.endpoint, transport: 'https', registrationId: 'too-soon-1', pollTooSoon: true });
      await registerDevice({ endpoint: emulate.endpoint, transport: 'mqtt', registrationId: 'patient-1' });
    } finally {
      const { code, tests } = await emulate.stop();
      const mustFailed = tests.some((t) => t.extra.level === 'MUST' && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored'));
      assert.equal(code, mustFailed ? 1 : 0, 'exit 1 when a MUST failed, as every command');
      const retryAfter = tests.filter((t) => t.extra.checkId === 'device.polling.retryAfter');
      assert.deepEqual(
        retryAfter.map((t) => `${t.extra.caseId} ${t.extra.outcome}`),
        ['too-soon-1#1 failed', 'patient-1#1 passed'],
      );
      assert.match(retryAfter[0]?.message ?? '', /expected each poll no more than 1000 ms ahead of the Retry-Afters DPS gave, it came \d+ ms after the device's previous request \(\d+ ms after DPS's answer, Retry-After 6 s\): \d+ ms early/);
      assert.deepEqual(failures(tests).filter((f) => !f.startsWith('device.polling.retryAfter')), []);
    }
  });

  it('refuses a token without skn only when asked: --require-skn, or "requireKeyName" in the config file', async () => {
    const config = join(outDir(), 'strict.json');
    writeFileSync(config, JSON.stringify({ requireKeyName: true, pollRateLimit: { polls: 5, windowSeconds: 10 }, reRegistration: 'initial' }));
    for (const extra of [['--require-skn'], ['--config', config]]) {
      const emulate = await startEmulate(outDir(), extra);
      try {
        await assert.rejects(registerDevice({ endpoint: emulate.endpoint, transport: 'mqtt', registrationId: 'no-skn-1' }), /Not authorized|not authorized/i);
        const https = await registerDevice({ endpoint: emulate.endpoint, transport: 'https', registrationId: 'no-skn-2' });
        assert.equal(https.status, 'http 401');
      } finally {
        const { tests } = await emulate.stop();
        assert.ok(tests.some((t) => t.extra.checkId === 'device.request.sas' && t.extra.outcome === 'failed'), extra.join(' '));
      }
    }
  });

  it('rejects an unknown --re-registration mode and a misspelt config key with exit 2', async () => {
    const dir = outDir();
    const bad = await runCliInProcess(['emulate', '--re-registration', 'sometimes', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', dir], { timeoutMs: 20_000 });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--re-registration/);
    const config = join(dir, 'typo.json');
    writeFileSync(config, JSON.stringify({ requireSkn: true }));
    const typo = await runCliInProcess(['emulate', '--config', config, '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', dir], { timeoutMs: 20_000 });
    assert.equal(typo.status, 2);
    assert.match(typo.stderr, /requireSkn/);
  });

  it('--scenarios takes successive registrations of one device through the device suite\'s server-side cases', async () => {
    const emulate = await startEmulate(outDir(), ['--scenarios']);
    const outcomes: string[] = [];
    try {
      for (let i = 0; i < 5; i += 1) outcomes.push((await registerDevice({ endpoint: emulate.endpoint, transport: 'mqtt', registrationId: 'scenario-1', payload: { n: i } })).status);
    } finally {
      const { tests } = await emulate.stop();
      assert.deepEqual(outcomes, ['assigned', 'assigned', 'failed', 'assigned', 'assigned']);
      const cases = [...new Set(tests.map((t) => t.extra.caseId))];
      assert.deepEqual(cases, ['scenario-1#1:device-retry-after', 'scenario-1#2:device-throttled', 'scenario-1#3:device-allocation-failed', 'scenario-1#4:device-fragmented', 'scenario-1#5']);
      assert.deepEqual(
        tests.filter((t) => t.extra.checkId === 'device.polling.throttle').map((t) => `${t.extra.caseId} ${t.extra.outcome}`),
        ['scenario-1#2:device-throttled passed'],
      );
      assert.deepEqual(failures(tests), []);
    }
  });
});
