import assert from 'node:assert/strict';
import Mocha from 'mocha';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { DeviceDriver, RegisterCommand, RegisterExchange, StartReply } from '../../src/adapters/protocol-types.js';
import { SecretRedactor } from '../../src/results/secret-redactor.js';
import { loadCorpus } from '../../suites/corpus/load-corpus.js';
import { buildDeviceSuite, type Lane } from '../../suites/device/build-device-suite.js';

const CLAIMS: StartReply = {
  seq: 1,
  implementation: { name: 'lane-probe', version: '1.0.0' },
  dialects: ['ga', 'preview'],
  transports: ['https', 'mqtt'],
  attestations: ['symmetricKey', 'x509'],
};

/** A driver that records which registrations it was asked for and answers each with a skip. */
class RecordingDriver implements DeviceDriver {
  readonly registered: string[] = [];
  readonly exhausted = false;
  start(): Promise<StartReply> {
    return Promise.resolve(CLAIMS);
  }
  register(command: RegisterCommand): Promise<RegisterExchange> {
    this.registered.push(command.registrationId);
    const reply = { seq: this.registered.length, skipped: { reason: 'lane probe' } };
    return Promise.resolve({ request: { ...command, seq: reply.seq, cmd: 'register' }, reply, replyLine: JSON.stringify(reply), stderr: '', durationMs: 0 });
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }
}

/** Every test (check) of a built suite as `suite title: test title`, or with `cases` only its case (`[caseId]`). */
function titlesOf(root: Mocha.Suite, cases = false): Set<string> {
  const titles = new Set<string>();
  const walk = (suite: Mocha.Suite): void => {
    for (const test of suite.tests) titles.add(`${suite.title}: ${cases ? (/\[[^\]]+\]$/.exec(test.title)?.[0] ?? '') : test.title}`);
    suite.suites.forEach(walk);
  };
  walk(root);
  return titles;
}

describe('device suite lanes (several adapters sharing one transport)', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ x509: true });
  });
  after(async () => emulator.close());

  const build = (lane?: Lane): { root: Mocha.Suite; driver: RecordingDriver; start: () => Promise<void> } => {
    const root = new Mocha.Suite('root');
    const driver = new RecordingDriver();
    const handle = buildDeviceSuite(root, {
      emulator,
      driver,
      claims: CLAIMS,
      transports: ['https', 'mqtt'],
      dialects: ['ga', 'preview'],
      corpus: loadCorpus(),
      timeoutMs: 1000,
      endToEnd: true,
      redactor: new SecretRedactor(),
      lane,
    });
    return { root, driver, start: () => handle.startRegistrations() };
  };

  it('gives every check to exactly one of 3 lanes, in shares that differ by at most one case', () => {
    const all = [...titlesOf(build().root)];
    assert.ok(all.length > 500, `${all.length} checks`);
    const lanes = [0, 1, 2].map((index) => titlesOf(build({ index, count: 3 }).root));
    const union = new Set(lanes.flatMap((l) => [...l]));
    assert.deepEqual([...union].sort(), [...all].sort());
    assert.equal(lanes.reduce((n, l) => n + l.size, 0), union.size, 'no check in two lanes');
    const caseCounts = [0, 1, 2].map((index) => titlesOf(build({ index, count: 3 }).root, true).size);
    assert.ok(Math.max(...caseCounts) - Math.min(...caseCounts) <= 1, caseCounts.join(', '));
  });

  it('registers only its own cases when started ahead of mocha', async () => {
    const whole = build();
    await whole.start();
    const lanes = [0, 1].map((index) => build({ index, count: 2 }));
    for (const lane of lanes) await lane.start();
    assert.ok(whole.driver.registered.length > 50, `${whole.driver.registered.length} registrations`);
    const [first, second] = lanes.map((l) => l.driver.registered.length);
    assert.equal((first ?? 0) + (second ?? 0), whole.driver.registered.length);
    assert.ok(Math.abs((first ?? 0) - (second ?? 0)) <= 1, `${first} and ${second}`);
  });
});
