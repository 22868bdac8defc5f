import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { ctrfView } from '../helpers/ctrf-view.js';

interface CtrfTest {
  status: string;
  extra: { checkId: string; level: string; outcome: string; dialect: string; transport: string; caseId: string; implementation: { name: string } };
}

/** The device implementations the run below selects, by their labels, with the names they report. */
const DEVICE_LABELS = ['reference device', 'Azure IoT Node SDK'];
const REPORTS_AS: Record<string, string> = { 'reference device': 'dps-conformance-reference-device', 'Azure IoT Node SDK': 'azure-iot-provisioning-device' };

describe('dps-conformance run (built CLI, no set-up)', function () {
  // five transports x two bundled devices (plus X.509 cases): about 5 minutes on a busy 2-core machine
  this.timeout(600_000);
  const out = join(mkdtempSync(join(tmpdir(), 'dpsc-run-')), 'report');
  let run: CliRun;
  let tests: CtrfTest[];
  let phases: { name: string; startMs: number; ms: number }[];

  before(async () => {
    run = await runCli(['run', '--implementations', 'reference-webhook,reference-device,azure-iot-node-sdk', '--out', out, '--reporter', 'quiet'], { timeoutMs: 560_000 });
    const ctrf = ctrfView(readFileSync(join(out, 'ctrf.json'), 'utf8')) as { results: { tests: CtrfTest[]; extra: { runInfo: { phases?: typeof phases } } } };
    tests = ctrf.results.tests;
    phases = ctrf.results.extra.runInfo.phases ?? [];
  });

  it('times each phase (webhook suite, SDK start-ups, device suites, report writing) in ctrf.json and on the console', () => {
    // one device suite (one adapter) per implementation and transport it was tested on
    const suites = DEVICE_LABELS.flatMap((label) => {
      const transports = new Set(tests.filter((t) => t.extra.implementation.name === REPORTS_AS[label]).map((t) => t.extra.transport));
      assert.ok(transports.size >= 3, `${label}: ${[...transports].join(', ')}`);
      return [...transports].map((transport) => `device suite: ${label} ${transport}`);
    });
    const expected = ['emulator start-up', 'webhook suite', 'report writing', ...DEVICE_LABELS.map((label) => `SDK start-up: ${label}`), ...suites];
    assert.deepEqual(phases.map((p) => p.name).filter((n) => expected.includes(n)).sort(), [...expected].sort());
    for (const p of phases) assert.ok(p.ms >= 0 && p.startMs >= 0, JSON.stringify(p));
    assert.match(run.stdout, /phases \(/);
    for (const name of expected.filter((n) => n !== 'report writing')) assert.ok(run.stdout.includes(name), `console summary lacks ${name}`);
    assert.match(run.stdout, /reports written to .* in \d+ ms/);
  });

  it('exits 0 or 1 as the results say, never 2', () => {
    const blocking = tests.some((t) => t.extra.level === 'MUST' && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored'));
    assert.equal(run.status, blocking ? 1 : 0, run.stderr);
  });

  it('writes the full report set', () => {
    for (const file of ['ctrf.json', 'junit.xml', 'summary.md', 'report.html']) assert.ok(existsSync(join(out, file)), file);
    assert.doesNotThrow(() => new XMLParser().parse(readFileSync(join(out, 'junit.xml'), 'utf8')));
    assert.match(readFileSync(join(out, 'summary.md'), 'utf8'), /dps-conformance-reference-device/);
  });

  it('covers the reference webhook, the reference device and the Azure IoT Node SDK, over HTTPS, MQTT and AMQP, in every claimed dialect', () => {
    const rows = new Set(tests.map((t) => `${t.extra.implementation.name} ${t.extra.transport} ${t.extra.dialect}`));
    for (const row of [
      'dps-conformance-reference-webhook http ga',
      'dps-conformance-reference-webhook http preview',
      'dps-conformance-reference-device https ga',
      'dps-conformance-reference-device https preview',
      'dps-conformance-reference-device mqtt ga',
      'dps-conformance-reference-device mqtt preview',
      'azure-iot-provisioning-device https ga',
      'azure-iot-provisioning-device mqtt ga',
      'dps-conformance-reference-device amqp preview',
      'dps-conformance-reference-device amqp-ws ga',
      'azure-iot-provisioning-device amqp ga',
    ]) {
      assert.ok(rows.has(row), `missing row ${row}; rows: ${[...rows].join(', ')}`);
    }
  });

  it('passes every MUST for the bundled reference implementations, end to end', () => {
    const reference = tests.filter((t) => t.extra.implementation.name.startsWith('dps-conformance-reference'));
    const blocking = reference.filter((t) => t.extra.level === 'MUST' && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored'));
    assert.deepEqual(blocking.map((t) => `${t.extra.checkId} [${t.extra.caseId}] ${t.extra.transport} ${t.extra.dialect}`), []);
    assert.ok(reference.some((t) => t.extra.checkId === 'e2e.returnData.reachedDevice' && t.extra.outcome === 'passed'));
    assert.ok(reference.some((t) => t.extra.checkId === 'webhook.auth.functionKey' && t.extra.outcome === 'passed'));
  });

  // The one run of the whole device suite, every case on every transport, for these implementations:
  // device-command.integration.test.ts and device-amqp.integration.test.ts run a few cases through
  // `device` and leave the rest (the timing cases above all) to this run.
  it('the reference device passes on every transport in both dialects, the timing cases and each protocol check included', () => {
    const reference = tests.filter((t) => t.extra.implementation.name === 'dps-conformance-reference-device');
    for (const transport of ['https', 'mqtt', 'mqtt-ws', 'amqp', 'amqp-ws']) {
      for (const dialect of ['ga', 'preview']) {
        const row = reference.filter((t) => t.extra.transport === transport && t.extra.dialect === dialect);
        const ids = ['device.data.sent', 'device.returnData.fidelity', 'device.returnData.fragmented', 'device.polling.retryAfter', 'device.polling.throttle', 'device.error.credentials', 'device.timeout.givesUp'];
        ids.push(transport.startsWith('mqtt') ? 'device.mqtt.protocol' : transport.startsWith('amqp') ? 'device.amqp.protocol' : 'device.request.sas');
        for (const id of ids) assert.ok(row.some((t) => t.extra.checkId === id && t.extra.outcome === 'passed'), `${transport} ${dialect}: ${id} passed`);
        assert.ok(row.some((t) => t.extra.caseId === 'group-x509-initial' && t.extra.checkId === 'device.result.assignment' && t.extra.outcome === 'passed'), `${transport} ${dialect}: X.509`);
      }
    }
  });

  it('the Azure IoT Node SDK over amqp and amqp-ws: every MUST passes, throttling and X.509 included', () => {
    for (const transport of ['amqp', 'amqp-ws']) {
      const row = tests.filter((t) => t.extra.implementation.name === REPORTS_AS['Azure IoT Node SDK'] && t.extra.transport === transport);
      const bad = row.filter((t) => t.extra.level === 'MUST' && (t.extra.outcome === 'failed' || t.extra.outcome === 'errored'));
      assert.deepEqual(bad.map((t) => `${t.extra.checkId} [${t.extra.caseId}]`), [], transport);
      for (const id of ['device.polling.throttle', 'device.returnData.fragmented', 'device.error.credentials', 'device.amqp.protocol']) {
        assert.ok(row.some((t) => t.extra.checkId === id && t.extra.outcome === 'passed'), `${transport}: ${id} passed`);
      }
      assert.ok(row.some((t) => t.extra.caseId === 'individual-x509-initial' && t.extra.checkId === 'device.result.assignment' && t.extra.outcome === 'passed'), `${transport}: X.509`);
    }
  });

  it('the Azure IoT Node SDK over https and mqtt registers and gets the data back for plain ASCII data', () => {
    for (const transport of ['https', 'mqtt']) {
      for (const id of ['device.data.sent', 'device.result.assignment', 'device.returnData.fidelity', 'device.request.sas']) {
        assert.ok(tests.some((t) => t.extra.implementation.name === REPORTS_AS['Azure IoT Node SDK'] && t.extra.transport === transport && t.extra.checkId === id && t.extra.caseId === 'pnp-model-id' && t.extra.outcome === 'passed'), `${transport}: ${id} [pnp-model-id] passed`);
      }
    }
  });

  it('prints the summary table', () => {
    assert.match(run.stdout, /implementation\s+transport\s+dialect\s+passed\s+failed\s+errored\s+skipped/);
  });
});
