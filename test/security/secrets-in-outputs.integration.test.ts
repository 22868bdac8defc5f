import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveDeviceKey, signSasToken } from '../../src/emulator/index.js';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { httpsCall } from '../emulator/helpers/https-call.js';
import { cliPath, repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { findLeaks, outputsOf } from './secret-scan.js';

/**
 * Every command that takes or produces secrets runs with known ones, and every file in `--out` plus
 * stdout and stderr is searched for them (raw, URL-encoded, base64url) and for unredacted SAS material.
 * `run` is not available yet (it refuses with exit 2), so it is not covered here.
 */
describe('security: no key, SAS token or function key in any report, log or transcript', function () {
  this.timeout(180_000);
  const functionKey = `fk-${randomBytes(12).toString('base64url')}`;
  const urlKey = `uk-${randomBytes(12).toString('base64url')}`;
  let webhook: RunningWebhook;
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-secrets-'));
    dirs.push(dir);
    return dir;
  };
  before(async () => {
    webhook = await startReferenceWebhook({ port: 0, functionKey });
  });
  after(async () => {
    await webhook.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('webhook --function-key (and a key in the URL): reports, stdout, stderr', async () => {
    const out = tempDir();
    const run = await runCliInProcess(['webhook', '--url', `${webhook.url}?code=${urlKey}`, '--function-key', functionKey, '--timeout', '3000', '--out', out], { timeoutMs: 90_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(out, 'ctrf.json')));
    assert.deepEqual(findLeaks(outputsOf(out, run), [functionKey, urlKey]), []);
  });

  it('webhook against a failing target: the key stays out of failure messages and evidence too', async () => {
    const out = tempDir();
    // a wrong key: every call is refused with 401, so every result carries the URL and the exchange as evidence
    const run = await runCliInProcess(['webhook', '--url', webhook.url, '--function-key', `${functionKey}-wrong`, '--timeout', '3000', '--out', out], { timeoutMs: 90_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(findLeaks(outputsOf(out, run), [`${functionKey}-wrong`, functionKey]), []);
  });

  it('device: the device keys the adapter was given, and every SAS, stay out of reports and logs', async () => {
    const out = tempDir();
    const marker = join(tempDir(), 'keys');
    const adapter = `node ${join('dist', 'test', 'fixtures', 'hostile', 'hostile-adapter.js')} spy ${marker}`;
    const run = await runCliInProcess(['device', '--adapter', adapter, '--transport', 'mqtt', '--dialect', 'ga', '--timeout', '5000', '--out', out], { timeoutMs: 120_000, env: { GITHUB_STEP_SUMMARY: '' } });
    assert.equal(run.status, 0, run.stderr.slice(0, 2000));
    const keys = readFileSync(marker, 'utf8').split('\n').filter(Boolean);
    assert.ok(keys.length > 10, `the spy saw ${keys.length} keys`);
    assert.deepEqual(findLeaks(outputsOf(out, run), keys), []);
  });

  it('emulate: the observation report, the transcript and the console hold no key or SAS (emulator.json holds the group key by design)', async () => {
    const out = tempDir();
    const groupKey = randomBytes(64).toString('base64');
    const config = join(tempDir(), 'emulator.json');
    const webhookUrl = `${webhook.url}?code=${functionKey}`;
    writeFileSync(config, JSON.stringify({ idScope: '0ne0000AB12', enrollments: [{ groupId: 'secret-group', primaryKey: groupKey }], allocation: { type: 'custom', webhookUrl } }));
    const child = spawn(process.execPath, [cliPath, 'emulate', '--config', config, '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--retry-after', '0', '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const run = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (c: string) => (run.stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (run.stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    try {
      const endpoint = join(out, 'emulator.json');
      for (let i = 0; i < 400 && !existsSync(endpoint); i += 1) await new Promise((r) => setTimeout(r, 50));
      const file = JSON.parse(readFileSync(endpoint, 'utf8')) as { idScope: string; httpsPort: number; caFile: string };
      const caPem = readFileSync(file.caFile, 'utf8');
      const registrationId = 'secret-device-1';
      const deviceKey = deriveDeviceKey(groupKey, registrationId);
      const sas = signSasToken({ idScope: file.idScope, registrationId, key: deviceKey, expiry: Math.floor(Date.now() / 1000) + 600 });
      const path = `/${file.idScope}/registrations/${registrationId}/register?api-version=2019-03-31`;
      const first = await httpsCall({ httpsPort: file.httpsPort, caPem }, { method: 'PUT', path, body: JSON.stringify({ registrationId, payload: { a: 1 } }), headers: { authorization: sas } });
      assert.equal(first.status, 202, first.text);
      // a foreign SAS too: a rejected token must not be kept either
      const foreign = signSasToken({ idScope: file.idScope, registrationId, key: randomBytes(32).toString('base64'), expiry: Math.floor(Date.now() / 1000) + 600 });
      await httpsCall({ httpsPort: file.httpsPort, caPem }, { method: 'PUT', path, body: '{}', headers: { authorization: foreign } });
      const operation = `/${file.idScope}/registrations/${registrationId}/operations/${String(first.json['operationId'])}?api-version=2019-03-31`;
      for (let i = 0; i < 20; i += 1) {
        const polled = await httpsCall({ httpsPort: file.httpsPort, caPem }, { method: 'GET', path: operation, headers: { authorization: sas } });
        if (polled.status !== 202) break;
      }
      child.kill('SIGINT');
      // the foreign token's registration fails device.request.sas, a MUST: exit 1 (docs/contract/cli.md)
      assert.equal(await exited, 1, run.stderr);
      assert.ok(existsSync(join(out, 'emulator-transcript.json')));
      const secrets = [groupKey, deviceKey, functionKey, sas.split('sig=')[1]?.split('&')[0] ?? sas, foreign.split('sig=')[1]?.split('&')[0] ?? foreign];
      // emulator.json carries groupKey on purpose (docs/contract/cli.md: devices and scripts read it); the TLS cache is not a DPS secret
      assert.deepEqual(findLeaks(outputsOf(out, run, ['emulator.json', '.emulator-tls']), secrets), []);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  });

  describe('a password in a webhook URL is refused (exit 2) and never echoed', () => {
    const password = `pw-${randomBytes(12).toString('base64url')}`;
    const withPassword = (url: string): string => url.replace('http://', `http://dpsc-user:${password}@`);
    const cases: Array<[string, (out: string) => string[], RegExp]> = [
      ['webhook --url', (out) => ['webhook', '--url', withPassword(webhook.url), '--out', out], /--url must not carry a user name or password/],
      ['device --webhook', (out) => ['device', '--adapter', 'node -e 0', '--webhook', withPassword(webhook.url), '--out', out], /--webhook must not carry/],
      ['emulate --webhook', (out) => ['emulate', '--webhook', withPassword(webhook.url), '--https-port', '0', '--mqtt-port', '0', '--out', out], /--webhook must not carry/],
      ['load --webhook', (out) => ['load', '--webhook', withPassword(webhook.url), '--rate', '1', '--duration', '1', '--out', out], /--webhook must not carry/],
      ['contracts verify --url', () => ['contracts', 'verify', '--url', withPassword(webhook.url)], /--url must not carry/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const out = tempDir();
        const run = await runCliInProcess(args(out), { timeoutMs: 60_000, env: { GITHUB_STEP_SUMMARY: '' } });
        assert.equal(run.status, 2, run.stdout + run.stderr);
        assert.match(run.stderr, message);
        assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
        assert.deepEqual(findLeaks(outputsOf(out, run), [password]), []);
      });
    }

    it('emulate --config with allocation.webhookUrl', async () => {
      const out = tempDir();
      const config = join(tempDir(), 'emulator.json');
      writeFileSync(config, JSON.stringify({ allocation: { type: 'custom', webhookUrl: withPassword(webhook.url) } }));
      const run = await runCliInProcess(['emulate', '--config', config, '--https-port', '0', '--mqtt-port', '0', '--out', out], { timeoutMs: 60_000 });
      assert.equal(run.status, 2, run.stdout + run.stderr);
      assert.match(run.stderr, /allocation\.webhookUrl of --config must not carry a user name or password/);
      assert.deepEqual(findLeaks(outputsOf(out, run), [password]), []);
    });
  });

  it('emulate --webhook with a typo is a usage error (exit 2) naming the option, not an internal error', async () => {
    const run = await runCliInProcess(['emulate', '--webhook', 'typo', '--https-port', '0', '--mqtt-port', '0', '--out', tempDir()], { timeoutMs: 60_000 });
    assert.equal(run.status, 2, run.stdout + run.stderr);
    assert.match(run.stderr, /--webhook must be an absolute http:\/\/ or https:\/\/ URL, got "typo"/);
    assert.doesNotMatch(run.stderr, /internal error/);
  });

  it('contracts verify --function-key: stdout and stderr', async () => {
    const run = await runCliInProcess(['contracts', 'verify', '--url', webhook.url, '--function-key', functionKey], { timeoutMs: 90_000 });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(findLeaks([{ where: 'stdout', text: run.stdout }, { where: 'stderr', text: run.stderr }], [functionKey]), []);
    const wrong = await runCliInProcess(['contracts', 'verify', '--url', webhook.url, '--function-key', `${functionKey}-wrong`], { timeoutMs: 90_000 });
    assert.equal(wrong.status, 1, wrong.stdout + wrong.stderr);
    assert.deepEqual(findLeaks([{ where: 'stdout', text: wrong.stdout }, { where: 'stderr', text: wrong.stderr }], [`${functionKey}-wrong`]), []);
  });
});
