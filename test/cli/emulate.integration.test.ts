import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveDeviceKey, signSasToken } from '../../src/emulator/index.js';
import { httpsCall } from '../emulator/helpers/https-call.js';
import { cliPath, repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

interface EndpointFile {
  idScope: string;
  host: string;
  httpsPort: number;
  mqttPort: number;
  amqpPort: number;
  caFile: string;
  groupKey: string;
}

async function waitForFile(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > deadline) throw new Error(`${path} did not appear within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('dps-conformance emulate', () => {
  it('serves, writes emulator.json, registers a device, and on SIGINT writes the observation report and exits 0 (nothing failed)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dpsc-emulate-'));
    const child = spawn(process.execPath, [cliPath, 'emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--retry-after', '0', '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    try {
      await waitForFile(join(out, 'emulator.json'), 20_000);
      const file = JSON.parse(readFileSync(join(out, 'emulator.json'), 'utf8')) as EndpointFile;
      assert.deepEqual(Object.keys(file).sort(), ['amqpPort', 'caFile', 'groupKey', 'host', 'httpsPort', 'idScope', 'mqttPort', 'serverName']);
      assert.ok(file.amqpPort > 0 && file.amqpPort !== file.mqttPort && file.amqpPort !== file.httpsPort);
      // emulate writes emulator.json before its start-up lines reach this pipe: wait for them (a busy machine delays the pipe)
      const printed = new RegExp(`amqps://localhost:${file.amqpPort}`);
      for (const deadline = Date.now() + 10_000; !printed.test(stdout) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
      assert.match(stdout, printed); // the certificate's name on 127.0.0.1
      const caPem = readFileSync(file.caFile, 'utf8');
      const key = deriveDeviceKey(file.groupKey, 'cli-device-1');
      const sas = signSasToken({ idScope: file.idScope, registrationId: 'cli-device-1', key, expiry: Math.floor(Date.now() / 1000) + 600 });
      const answer = await httpsCall({ httpsPort: file.httpsPort, caPem }, { method: 'PUT', path: `/${file.idScope}/registrations/cli-device-1/register?api-version=2019-03-31`, body: '{"registrationId":"cli-device-1","payload":{"a":1}}', headers: { authorization: sas } });
      assert.equal(answer.status, 202, answer.text);
      // the device finishes its registration (Retry-After 0), so that nothing in the report fails
      const operationId = String((JSON.parse(answer.text) as { operationId: string }).operationId);
      let status = 'assigning';
      for (let i = 0; i < 50 && status === 'assigning'; i += 1) {
        const poll = await httpsCall({ httpsPort: file.httpsPort, caPem }, { method: 'GET', path: `/${file.idScope}/registrations/cli-device-1/operations/${operationId}?api-version=2019-03-31`, headers: { authorization: sas } });
        status = String((JSON.parse(poll.text) as { status: string }).status);
      }
      assert.equal(status, 'assigned');
      assert.match(stdout, new RegExp(file.idScope));
      assert.ok(!stdout.includes(file.groupKey), 'the group key was printed');
      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
      const report = JSON.parse(readFileSync(join(out, 'emulator-observations.json'), 'utf8')) as { registrations: { registrationId: string }[] };
      assert.deepEqual(report.registrations.map((r) => r.registrationId), ['cli-device-1']);
      assert.ok(!readFileSync(join(out, 'emulator-transcript.json'), 'utf8').includes(sas.split('sig=')[1]!.split('&')[0]!));
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  });

  it('rejects an invalid config file with exit 2 and the position', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-emulate-config-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{\n  "idScope": "0ne00000001",\n  oops\n}');
    const syntax = await runCliInProcess(['emulate', '--config', broken, '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', dir], { timeoutMs: 20_000 });
    assert.equal(syntax.status, 2);
    assert.match(syntax.stderr, /line 3, column 3/);
    const offSchema = join(dir, 'off-schema.json');
    writeFileSync(offSchema, JSON.stringify({ retryAfterSeconds: 'soon', colour: 'blue' }));
    const schema = await runCliInProcess(['emulate', '--config', offSchema, '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', dir], { timeoutMs: 20_000 });
    assert.equal(schema.status, 2);
    assert.match(schema.stderr, /retryAfterSeconds/);
    assert.doesNotMatch(schema.stderr, /\n\s+at /);
  });

  it('names the option when a port cannot be bound', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-emulate-port-'));
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runCliInProcess(['emulate', '--https-port', String(port), '--mqtt-port', '0', '--amqp-port', '0', '--out', dir], { timeoutMs: 20_000 });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /--https-port/);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('refuses a --poll-hold that is not a whole number of milliseconds (exit 2, naming the option)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-emulate-hold-'));
    const run = await runCliInProcess(['emulate', '--poll-hold', 'soon', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--out', dir], { timeoutMs: 20_000 });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--poll-hold/);
  });
});

describe('dps-conformance emulate --x509-device', () => {
  it('writes a certificate, key and chain per device that register over AMQP with X.509', async () => {
    const out = mkdtempSync(join(tmpdir(), 'dpsc-emulate-x509-'));
    const child = spawn(process.execPath, [cliPath, 'emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--retry-after', '0', '--x509-device', 'cli-x509-1', '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    try {
      await waitForFile(join(out, 'emulator.json'), 20_000);
      const file = JSON.parse(readFileSync(join(out, 'emulator.json'), 'utf8')) as EndpointFile & { x509: { devices: { registrationId: string; certFile: string; keyFile: string; chainFile: string }[] } };
      const device = file.x509.devices[0]!;
      assert.equal(device.registrationId, 'cli-x509-1');
      // the banner is written after emulator.json and may reach this pipe a moment later
      for (let waited = 0; !/X\.509 device:/.test(stdout) && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.match(stdout, /X\.509 device:\s+cli-x509-1/);
      const { registerDevice } = await import('../../implementations/reference-device/register-device.js');
      const outcome = await registerDevice({
        transport: 'amqp',
        dialect: 'ga',
        host: file.host,
        httpsPort: file.httpsPort,
        mqttPort: file.mqttPort,
        amqpPort: file.amqpPort,
        caPem: readFileSync(file.caFile, 'utf8'),
        idScope: file.idScope,
        registrationId: device.registrationId,
        deviceKey: '',
        x509: { certPem: readFileSync(device.certFile, 'utf8'), keyPem: readFileSync(device.keyFile, 'utf8'), chainPem: readFileSync(device.chainFile, 'utf8') },
        deadline: Date.now() + 10_000,
      });
      assert.ok('result' in outcome, JSON.stringify(outcome));
      assert.equal(outcome.result.status, 'assigned');
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  });
});
