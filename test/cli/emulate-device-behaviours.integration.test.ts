import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerLikeCSdkOverAmqp } from '../fixtures/devices/c-sdk-style-amqp-device.js';
import { connectAsync } from 'mqtt';
import { embeddedSasToken, readEndpoint, registerDevice, type EmulatorEndpoint } from '../fixtures/devices/embedded-style-device.js';
import { cliPath, repoRoot } from '../helpers/run-cli.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  status: string;
  message?: string;
  extra: {
    checkId: string;
    level: string;
    outcome: string;
    transport: string;
    caseId: string;
    blockedBy?: string;
    mismatch?: string;
    implementation: { name: string; version?: string };
  };
}

interface Observations {
  devices: { registrationId: string; namedBy: string; said: { agent: string; where: string }[] }[];
}

interface Session {
  endpoint: EmulatorEndpoint;
  out: string;
  stop(): Promise<{ code: number | null; tests: CtrfTest[]; summary: string; observations: Observations; output: string }>;
}

/** `emulate` through the built CLI on free ports, stopped with SIGINT. */
async function startEmulate(dirs: string[], extra: string[] = []): Promise<Session> {
  const out = mkdtempSync(join(tmpdir(), 'dpsc-emulate-devices-'));
  dirs.push(out);
  const child: ChildProcess = spawn(process.execPath, [cliPath, 'emulate', '--https-port', '0', '--mqtt-port', '0', '--amqp-port', '0', '--retry-after', '1', '--out', out, ...extra], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const killer = setTimeout(() => child.kill('SIGKILL'), 100_000);
  const deadline = Date.now() + 30_000;
  while (!existsSync(join(out, 'emulator.json'))) {
    if (Date.now() > deadline) throw new Error(`emulate did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint: readEndpoint(join(out, 'emulator.json')),
    out,
    async stop() {
      child.kill('SIGINT');
      const code = await exited;
      clearTimeout(killer);
      const read = (file: string): string => readFileSync(join(out, file), 'utf8');
      return {
        code,
        tests: (ctrfView(read('ctrf.json')) as { results: { tests: CtrfTest[] } }).results.tests,
        summary: read('summary.md'),
        observations: JSON.parse(read('emulator-observations.json')) as never,
        output,
      };
    },
  };
}

const of = (tests: readonly CtrfTest[], caseId: string): Map<string, CtrfTest> =>
  new Map(tests.filter((t) => t.extra.caseId === caseId).map((t) => [t.extra.checkId, t]));
const outcomes = (tests: readonly CtrfTest[], caseId: string): Record<string, string> =>
  Object.fromEntries([...of(tests, caseId)].map(([id, t]) => [id, t.extra.outcome]));

describe('emulate grades what devices did (built CLI, devices written for these tests)', function () {
  this.timeout(150_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('grades AMQP under amqp and amqp-ws, takes an empty register body, reports a device that left and one that crashed, and names a device once across transports', async () => {
    const session = await startEmulate(dirs);
    const endpoint = session.endpoint;
    const payload = { modelId: 'dtmi:com:example:Thermostat;1' };
    const amqp = await registerLikeCSdkOverAmqp({ endpoint, registrationId: 'c-sdk-amqp-1', payload });
    const amqpWs = await registerLikeCSdkOverAmqp({ endpoint, registrationId: 'c-sdk-amqp-ws-1', payload, overWebSocket: true });
    const empty = await registerDevice({ endpoint, transport: 'mqtt', registrationId: 'empty-body-1', emptyRegisterBody: true });
    const leaver = await registerDevice({ endpoint, transport: 'mqtt', registrationId: 'leaver-1', leaveAfterSubscribe: true });
    const crasher = await registerLikeCSdkOverAmqp({ endpoint, registrationId: 'crasher-1', payload, crashAfterRegister: true });
    const named = await registerDevice({ endpoint, transport: 'https', registrationId: 'named-1', userAgent: 'contoso-fw/2.1 (linux)' });
    const namedAmqp = await registerLikeCSdkOverAmqp({ endpoint, registrationId: 'named-1' });
    const { code, tests, summary, observations } = await session.stop();

    // the devices did what they were written to do
    assert.deepEqual([amqp.kind, amqpWs.kind, crasher.kind, namedAmqp.kind], ['done', 'done', 'crashed-after-register', 'done']);
    assert.deepEqual([empty.status, leaver.status, named.status], ['assigned', 'left before registering', 'assigned']);

    // AMQP is graded as AMQP, by its own protocol check, and passes
    for (const [caseId, transport] of [['c-sdk-amqp-1#1', 'amqp'], ['c-sdk-amqp-ws-1#1', 'amqp-ws']] as const) {
      const results = of(tests, caseId);
      assert.deepEqual(new Set([...results.values()].map((t) => t.extra.transport)), new Set([transport]), caseId);
      assert.deepEqual(outcomes(tests, caseId), {
        'device.request.path': 'passed',
        'device.request.registrationId': 'passed',
        'device.request.sas': 'passed',
        'device.request.body': 'passed',
        'device.data.sent': 'passed',
        'device.data.object': 'passed',
        'device.polling.terminal': 'passed',
        'device.polling.retryAfter': 'passed',
        'device.amqp.protocol': 'passed',
      }, caseId);
    }
    assert.match(summary, /\| amqp \| ga \|/);
    assert.match(summary, /\| amqp-ws \| ga \|/);

    // an empty register body and no data: nothing fails
    assert.equal(of(tests, 'empty-body-1#1').get('device.data.sent')?.extra.outcome, 'passed');
    assert.match(of(tests, 'empty-body-1#1').get('device.data.sent')?.message ?? '', /1 empty, which DPS takes/);
    assert.deepEqual([...of(tests, 'empty-body-1#1').values()].filter((t) => t.extra.outcome !== 'passed').map((t) => t.extra.checkId), []);

    // a device that connected and left: what it did, and the register it never sent
    const left = of(tests, 'leaver-1#1').get('device.data.sent');
    assert.equal(left?.extra.outcome, 'failed');
    assert.equal(left?.extra.mismatch, 'missing-request');
    assert.match(left?.message ?? '', /seen: MQTT CONNECT accepted, 1 SUBSCRIBE; missing: a register request: the device closed the connection/);
    assert.equal(of(tests, 'leaver-1#1').get('device.mqtt.protocol')?.extra.outcome, 'passed');

    // a device that crashed between the register and its first poll
    const crashed = of(tests, 'crasher-1#1');
    assert.equal(crashed.get('device.data.sent')?.extra.outcome, 'passed');
    assert.equal(crashed.get('device.polling.terminal')?.extra.outcome, 'failed');
    assert.match(crashed.get('device.polling.terminal')?.message ?? '', /seen: AMQP SASL PLAIN accepted, register answered 202 assigning \(Retry-After 1 s\); missing: a terminal answer: the connection ended without a close from the device/);
    assert.equal(crashed.get('device.polling.retryAfter')?.extra.outcome, 'skipped');
    assert.equal(crashed.get('device.polling.retryAfter')?.extra.blockedBy, 'device.polling.terminal');

    // one device, one name: the User-Agent it sent over HTTPS names its AMQP registration too
    const names = tests.filter((t) => t.extra.caseId.startsWith('named-1#')).map((t) => `${t.extra.transport} ${t.extra.implementation.name} ${t.extra.implementation.version ?? ''}`);
    assert.deepEqual(new Set(names), new Set(['https contoso-fw 2.1', 'amqp contoso-fw 2.1']));
    const device = observations.devices.find((d) => d.registrationId === 'named-1');
    assert.equal(device?.namedBy, 'device');
    assert.deepEqual(device?.said, [{ agent: 'contoso-fw/2.1 (linux)', where: 'User-Agent' }]);
    // devices that name themselves nowhere are one unnamed implementation, not "no user agent"
    assert.equal(of(tests, 'c-sdk-amqp-1#1').get('device.data.sent')?.extra.implementation.name, 'unnamed device');

    assert.equal(code, 1, 'two devices failed a MUST: exit 1');
  });

  it('--no-amqp-max-message-size: a device that needs it drops the connection and is reported; --implementation and the config file name devices', async () => {
    const config = join(mkdtempSync(join(tmpdir(), 'dpsc-emulate-names-')), 'emulator.json');
    dirs.push(join(config, '..'));
    writeFileSync(config, JSON.stringify({ implementations: { 'REFUSER-1': 'their-fw/3.0' } }));
    const session = await startEmulate(dirs, ['--no-amqp-max-message-size', '--implementation', 'our-fw/1.2', '--config', config]);
    // a device not given the emulator's CA: its handshake fails, and the stop says so and why. First: the
    // client gives up before its alert reaches the emulator, and the devices after it (round trips on the
    // same emulator) let the emulator read that alert before the stop, however loaded the machine
    const untrusting = await connectAsync({
      host: session.endpoint.host,
      port: session.endpoint.mqttPort,
      protocol: 'mqtts',
      servername: session.endpoint.serverName,
      clientId: 'untrusting-1',
      username: `${session.endpoint.idScope}/registrations/untrusting-1/api-version=2019-03-31`,
      password: 'x',
      reconnectPeriod: 0,
    }).then(
      () => 'connected',
      (error: Error) => error.message,
    );
    const refused = await registerLikeCSdkOverAmqp({ endpoint: session.endpoint, registrationId: 'refuser-1' });
    // over WebSocket the dead device sends no close frame either: its end must still be seen
    const refusedWs = await registerLikeCSdkOverAmqp({ endpoint: session.endpoint, registrationId: 'refuser-ws-1', overWebSocket: true });
    const other = await registerDevice({ endpoint: session.endpoint, transport: 'mqtt', registrationId: 'other-1', userAgent: 'says-something/9' });
    // a device whose user name names no registration: no graded result, but the stop says so
    const nameless = await connectAsync({
      host: session.endpoint.host,
      port: session.endpoint.mqttPort,
      protocol: 'mqtts',
      ca: readFileSync(session.endpoint.caFile, 'utf8'),
      servername: session.endpoint.serverName,
      clientId: 'nameless-1',
      username: 'not-a-dps-user-name',
      password: 'x',
      reconnectPeriod: 0,
    }).then(
      () => 'connected',
      (error: Error) => error.message,
    );
    const { code, tests, output } = await session.stop();
    assert.notEqual(nameless, 'connected', 'a user name that names no registration is refused');
    assert.notEqual(untrusting, 'connected', 'a device that does not trust the CA gets through TLS');
    assert.match(output, /1 request\(s\) named no registration .*"unattributed" in /);
    assert.match(output, /1 TLS handshake\(s\) failed before any registration was named .*\n {2}TLS handshake on the MQTT port failed: .*emulator-ca\.pem/);
    assert.equal(refused.kind, 'refused-attach');
    assert.equal(refusedWs.kind, 'refused-attach');
    const dataWs = of(tests, 'refuser-ws-1#1').get('device.data.sent');
    assert.equal(dataWs?.extra.outcome, 'failed');
    assert.equal(dataWs?.extra.transport, 'amqp-ws');
    assert.match(dataWs?.message ?? '', /missing: a register request: the connection ended without a close from the device/);
    assert.equal(other.status, 'assigned');
    const data = of(tests, 'refuser-1#1').get('device.data.sent');
    assert.equal(data?.extra.outcome, 'failed');
    assert.equal(data?.extra.transport, 'amqp');
    assert.match(data?.message ?? '', /missing: a register request: the connection ended without a close from the device/);
    assert.deepEqual(new Set(tests.filter((t) => t.extra.caseId.startsWith('refuser-1#')).map((t) => `${t.extra.implementation.name}/${t.extra.implementation.version ?? ''}`)), new Set(['their-fw/3.0']));
    assert.deepEqual(new Set(tests.filter((t) => t.extra.caseId.startsWith('other-1#')).map((t) => `${t.extra.implementation.name}/${t.extra.implementation.version ?? ''}`)), new Set(['our-fw/1.2']));
    assert.equal(code, 1);
  });

  it('a registration still running when emulate stops is not judged as failed, and says so', async () => {
    const session = await startEmulate(dirs, ['--retry-after', '30']);
    const { endpoint } = session;
    const id = 'slow-1';
    const client = await connectAsync({
      host: endpoint.host,
      port: endpoint.mqttPort,
      protocol: 'mqtts',
      ca: readFileSync(endpoint.caFile, 'utf8'),
      servername: endpoint.serverName,
      clientId: id,
      username: `${endpoint.idScope}/registrations/${id}/api-version=2019-03-31`,
      password: embeddedSasToken(endpoint.idScope, id, endpoint.groupKey),
      reconnectPeriod: 0,
    });
    try {
      await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
      const answered = new Promise<string>((resolve) => client.once('message', (topic) => resolve(topic)));
      await client.publishAsync('$dps/registrations/PUT/iotdps-register/?$rid=1', JSON.stringify({ registrationId: id }), { qos: 1 });
      // answered 202 with Retry-After 30: the device is waiting, as it should, when emulate is stopped
      assert.match(await answered, /^\$dps\/registrations\/res\/202\/\?.*retry-after=30/);
      const { code, tests } = await session.stop();
      const terminal = of(tests, `${id}#1`).get('device.polling.terminal');
      assert.equal(terminal?.extra.outcome, 'skipped');
      assert.match(terminal?.message ?? '', /not judged: the registration had not finished when emulate stopped with the connection still open/);
      assert.equal(of(tests, `${id}#1`).get('device.polling.retryAfter')?.extra.blockedBy, 'device.polling.terminal');
      assert.equal(code, 0);
    } finally {
      client.end(true);
    }
  });
});
