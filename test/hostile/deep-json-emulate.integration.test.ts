import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveDeviceKey, signSasToken } from '../../src/emulator/index.js';
import { httpsCall, type HttpsAnswer } from '../emulator/helpers/https-call.js';
import { ctrfView } from '../helpers/ctrf-view.js';
import { cliPath, repoRoot } from '../helpers/run-cli.js';

const DEEP = 10_000;
const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

interface EndpointFile {
  idScope: string;
  httpsPort: number;
  caFile: string;
  groupKey: string;
}

/** A webhook that allocates correctly and returns data nested DEEP levels: `payload: {"deep": [[[...]]]}`. */
async function deepWebhook(): Promise<{ url: string; close: () => Promise<void>; calls: () => number }> {
  let calls = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls += 1;
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { linkedHubs: string[] };
      const text = `{"iotHubHostName":${JSON.stringify(request.linkedHubs[0])},"payload":{"deep":${nested(DEEP)}}}`;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/api/allocate`, close: () => new Promise((resolve) => server.close(() => resolve())), calls: () => calls };
}

/** Registers over HTTPS with a raw register body and polls until DPS answers something other than 202. */
async function register(file: EndpointFile, registrationId: string, payloadJson: string): Promise<HttpsAnswer> {
  const caPem = readFileSync(file.caFile, 'utf8');
  const endpoint = { httpsPort: file.httpsPort, caPem };
  const key = deriveDeviceKey(file.groupKey, registrationId);
  const authorization = signSasToken({ idScope: file.idScope, registrationId, key, expiry: Math.floor(Date.now() / 1000) + 600 });
  const base = `/${file.idScope}/registrations/${registrationId}`;
  let answer = await httpsCall(endpoint, { method: 'PUT', path: `${base}/register?api-version=2019-03-31`, body: `{"registrationId":"${registrationId}","payload":${payloadJson}}`, headers: { authorization } });
  for (let polls = 0; answer.status === 202 && polls < 50; polls += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await httpsCall(endpoint, { method: 'GET', path: `${base}/operations/${String(answer.json['operationId'])}?api-version=2019-03-31`, headers: { authorization } });
  }
  return answer;
}

interface EmulateRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `emulate` into `out`, lets `work` register devices, then stops it with SIGINT. */
async function emulate(out: string, webhook: string, work: (file: EndpointFile) => Promise<void>): Promise<EmulateRun> {
  const child = spawn(process.execPath, [cliPath, 'emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--retry-after', '0', '--webhook', webhook, '--out', out], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  try {
    const endpointFile = join(out, 'emulator.json');
    for (let waited = 0; !existsSync(endpointFile); waited += 50) {
      if (waited > 60_000) throw new Error(`emulator.json did not appear: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await work(JSON.parse(readFileSync(endpointFile, 'utf8')) as EndpointFile);
    child.kill('SIGINT');
    return { status: await exited, stdout, stderr };
  } finally {
    clearTimeout(killer);
    child.kill('SIGKILL');
  }
}

/**
 * A device and a webhook nested 10,000 levels deep under `emulate`: neither costs the run its records.
 * The device's body is refused (400, recorded with its depth), the webhook's answer fails the
 * allocation (400207, recorded), the records and the report set are written, and the exit status is
 * the graded one (1: the device's data check fails), never 2. A report part that cannot be written
 * (ctrf.json blocked by a directory) costs only that part: the records are there and it is named.
 */
describe('emulate with JSON nested 10,000 deep from a device and from a webhook', function () {
  this.timeout(180_000);
  let dir: string;
  let webhook: Awaited<ReturnType<typeof deepWebhook>>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpsc-deep-emulate-'));
    webhook = await deepWebhook();
  });
  after(async () => {
    await webhook.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records both, writes the records and the report set, and exits 1 for the device\'s failed check', async () => {
    const out = join(dir, 'whole');
    const answers: Record<string, HttpsAnswer> = {};
    const run = await emulate(out, webhook.url, async (file) => {
      answers['device'] = await register(file, 'deep-device', `{"deep":${nested(DEEP)}}`);
      answers['webhook'] = await register(file, 'deep-webhook', '{"modelId":"dtmi:com:example:Thermostat;1"}');
    });
    assert.equal(answers['device']?.status, 400, answers['device']?.text);
    assert.match(answers['device']?.text ?? '', /JSON nested 10,002 levels deep, deeper than the 64 levels/);
    assert.equal(answers['webhook']?.json['status'], 'failed', answers['webhook']?.text);
    assert.match(answers['webhook']?.text ?? '', /"errorCode":400207.*the webhook response is nested 10,002 levels deep, deeper than 64/);
    assert.ok(webhook.calls() > 0);

    assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
    assert.doesNotMatch(run.stderr, /internal error|Maximum call stack|could not write/);
    const observations = JSON.parse(readFileSync(join(out, 'emulator-observations.json'), 'utf8')) as { registrations: Array<{ registrationId: string; finalStatus?: string; unexpected: Array<{ reason: string; detail: string }> }> };
    const device = observations.registrations.find((r) => r.registrationId === 'deep-device');
    assert.ok(device?.unexpected.some((u) => u.reason === 'malformed-json' && /nested 10,002 levels deep/.test(u.detail)), JSON.stringify(device));
    assert.equal(observations.registrations.find((r) => r.registrationId === 'deep-webhook')?.finalStatus, 'failed');
    const transcript = readFileSync(join(out, 'emulator-transcript.json'), 'utf8');
    assert.ok(transcript.includes('"kind": "webhook-call"'), 'the webhook call is in the transcript');
    for (const file of ['ctrf.json', 'junit.xml', 'summary.md', 'report.html']) assert.ok(existsSync(join(out, file)), `${file} is missing`);
    const ctrf = ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: Array<{ rawStatus: string; extra: { checkId: string; caseId: string; harnessFault?: boolean } }> } };
    assert.deepEqual(ctrf.results.tests.filter((t) => t.extra.harnessFault === true), []);
    assert.ok(ctrf.results.tests.some((t) => t.extra.caseId.startsWith('deep-device') && t.rawStatus === 'failed'), 'the deep device has no failed result');
    assert.ok(ctrf.results.tests.some((t) => t.extra.caseId.startsWith('deep-webhook')), 'the device of the deep webhook has no result');
  });

  it('writes the records and every other part when ctrf.json cannot be written, names it, and exits 2', async () => {
    const out = join(dir, 'blocked');
    mkdirSync(join(out, 'ctrf.json'), { recursive: true });
    const run = await emulate(out, webhook.url, async (file) => {
      await register(file, 'deep-device-2', `{"deep":${nested(DEEP)}}`);
    });
    assert.equal(run.status, 2, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stderr, /could not write the report set: cannot write the report to .*: could not write ctrf\.json \(EISDIR\); written: junit\.xml, summary\.md, report\.html/);
    const names = readdirSync(out);
    for (const file of ['emulator-observations.json', 'emulator-transcript.json', 'junit.xml', 'summary.md', 'report.html']) assert.ok(names.includes(file), `${file} is missing: ${names.join(', ')}`);
    assert.match(readFileSync(join(out, 'emulator-observations.json'), 'utf8'), /deep-device-2/);
  });
});
