import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { checkTransportServed, EMULATED_TRANSPORTS } from '../../suites/device/plan-device-run.js';
import { isHarnessError } from '../../src/errors/harness-error.js';
import { repoRoot } from '../helpers/run-cli.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

const scripted = `node ${join(repoRoot, 'dist', 'test', 'fixtures', 'adapters', 'scripted-adapter.js')} ok`;

describe('device --transport the emulator does not serve, or the adapter does not claim', function () {
  this.timeout(60_000);
  let out: string;
  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'dpsc-transport-'));
  });
  after(() => rm(out, { recursive: true, force: true }));

  it('decides from the transports the emulator serves', () => {
    assert.doesNotThrow(() => checkTransportServed(undefined));
    for (const transport of EMULATED_TRANSPORTS) assert.doesNotThrow(() => checkTransportServed(transport));
    assert.throws(() => checkTransportServed('amqp', ['https']), (e: unknown) => isHarnessError(e) && /does not serve amqp yet; it serves https/.test(String(e)));
    assert.doesNotThrow(() => checkTransportServed('amqp', ['https', 'amqp']), 'once AMQP is served, it is allowed');
  });

  it('exits 2, and does not hang, when the adapter does not claim the transport', async () => {
    const run = await runCliInProcess(['device', '--adapter', scripted, '--transport', 'mqtt', '--out', out], { timeoutMs: 30_000 });
    assert.equal(run.signal, null, 'the command ended by itself');
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /--transport mqtt: scripted claims https/);
  });
});
