import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdapterClient } from '../../src/adapters/adapter-client.js';
import { isAdapterFault, type AdapterFault } from '../../src/adapters/adapter-fault.js';
import { isResultReply, type RegisterCommand } from '../../src/adapters/protocol-types.js';
import { repoRoot } from '../helpers/run-cli.js';

const script = join(repoRoot, 'dist', 'test', 'fixtures', 'adapters', 'scripted-adapter.js');

function command(mode: string): string {
  return `"${process.execPath}" "${script}" ${mode}`;
}

function registerCommand(overrides: Partial<RegisterCommand> = {}): RegisterCommand {
  return {
    dialect: 'ga',
    transport: 'https',
    endpoint: { host: 'localhost', httpsPort: 1, mqttPort: 2, caPem: 'PEM' },
    idScope: '0ne00000001',
    registrationId: 'dev-1',
    attestation: { type: 'symmetricKey', key: 'a2V5a2V5a2V5' },
    timeoutMs: 2000,
    ...overrides,
  };
}

async function expectFault(promise: Promise<unknown>, kind: string): Promise<AdapterFault> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAdapterFault(error), `expected an AdapterFault, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    return error;
  }
  assert.fail(`expected a ${kind} fault`);
}

describe('adapter client (protocol v1 over a subprocess)', function () {
  this.timeout(20_000);
  let client: AdapterClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('starts, registers and stops a well-behaved adapter, keeping big integers', async () => {
    client = new AdapterClient({ command: command('ok') });
    const claims = await client.start();
    assert.equal(claims.implementation.name, 'scripted');
    const exchange = await client.register(registerCommand());
    assert.ok(isResultReply(exchange.reply));
    assert.deepEqual(exchange.reply.result.returnData, { big: 9007199254740993n });
    assert.match(exchange.stderr, /register 1 in mode ok/);
  });

  for (const [mode, kind] of [
    ['garbage', 'non-protocol-output'],
    ['malformed', 'malformed'],
    ['off-schema', 'off-schema'],
    ['wrong-seq', 'wrong-seq'],
    ['duplicate', 'duplicate-reply'],
    ['huge-line', 'too-large'],
    ['crash-on-register', 'crash'],
  ] as const) {
    it(`turns "${mode}" into a ${kind} fault with evidence, then restarts the adapter`, async () => {
      client = new AdapterClient({ command: command(mode), maxLineBytes: 1024 * 1024 });
      await client.start();
      const fault = await expectFault(client.register(registerCommand()), kind);
      assert.ok(fault.evidence.request, 'the request is evidence');
      assert.match(fault.evidence.stderr ?? '', /register 1/);
      // the next case gets a fresh process (which misbehaves again the same way)
      await expectFault(client.register(registerCommand({ registrationId: 'dev-2' })), kind);
      assert.equal(client.spawnCount, 2);
    });
  }

  it('recovers after a crash: the next case runs in a fresh process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-adapter-'));
    try {
      client = new AdapterClient({ command: command('crash-once'), env: { ...process.env, SCRIPTED_MARKER: join(dir, 'marker') } });
      await client.start();
      await expectFault(client.register(registerCommand()), 'crash');
      const exchange = await client.register(registerCommand({ registrationId: 'dev-2' }));
      assert.ok(isResultReply(exchange.reply));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a restart that ran out of time (a loaded machine) twice as long next time, and says it was a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpsc-adapter-'));
    try {
      const env = { ...process.env, SCRIPTED_MARKER: join(dir, 'marker'), SCRIPTED_START_DELAY_MS: '3500' };
      client = new AdapterClient({ command: command('slow-restart'), env, startTimeoutMs: 3000, stopGraceMs: 300 });
      await client.start();
      await expectFault(client.register(registerCommand()), 'crash');
      // the restarts answer start 3.5 s after they begin: too late for 3 s, in time for 6 (node's own start-up aside)
      const late = await expectFault(client.register(registerCommand({ registrationId: 'dev-2' })), 'timeout');
      assert.equal(late.evidence.during, 'restart');
      assert.match(late.message, /^restarting the adapter: no start reply within 3000 ms/);
      const exchange = await client.register(registerCommand({ registrationId: 'dev-3' }));
      assert.ok(isResultReply(exchange.reply));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a crash on start with the exit status and stderr', async () => {
    client = new AdapterClient({ command: command('crash-on-start') });
    const fault = await expectFault(client.start(), 'crash');
    assert.match(fault.message, /exited with status 3/);
    assert.match(fault.evidence.stderr ?? '', /crashing on purpose/);
  });

  it('reports a missing command as a crash, not a harness error', async () => {
    client = new AdapterClient({ command: 'definitely-not-a-command-dpsc' });
    const fault = await expectFault(client.start(), 'crash');
    assert.match(fault.evidence.stderr ?? '', /not found/);
  });

  it('times out a hanging adapter and gives up after 3 consecutive timeouts', async () => {
    client = new AdapterClient({ command: command('hang'), replySlackMs: 0, stopGraceMs: 300 });
    await client.start();
    for (let i = 0; i < 3; i += 1) await expectFault(client.register(registerCommand({ timeoutMs: 200 })), 'timeout');
    assert.equal(client.exhausted, true);
    await expectFault(client.register(registerCommand({ timeoutMs: 200 })), 'gave-up');
  });

  it('calls a reply after the deadline late, not missing: a timeout that says how late, with the process kept', async () => {
    // deadline 2,000 ms; the first register of a process is waited for 2,000 ms more; the reply comes at 3,000
    client = new AdapterClient({ command: command('late-once'), replySlackMs: 0, stopGraceMs: 300, env: { ...process.env, SCRIPTED_LATE_MS: '3000' } });
    await client.start();
    const fault = await expectFault(client.register(registerCommand({ timeoutMs: 2000 })), 'timeout');
    assert.match(fault.message, /^the register reply came \d+ ms after the harness's deadline of 2000 ms$/);
    assert.ok((fault.evidence.lateByMs ?? 0) > 0);
    const exchange = await client.register(registerCommand({ timeoutMs: 2000 }));
    assert.ok(isResultReply(exchange.reply));
    assert.equal(exchange.reply.result.status, 'assigned');
    assert.equal(client.spawnCount, 1, 'the adapter answered: its process was kept');
  });

  it('tells a hanging adapter from a late one: no reply in the late window either', async () => {
    client = new AdapterClient({ command: command('hang'), replySlackMs: 0, stopGraceMs: 300 });
    await client.start();
    const fault = await expectFault(client.register(registerCommand({ timeoutMs: 200 })), 'timeout');
    assert.equal(fault.message, 'no register reply within 200 ms (nor in the 200 ms after)');
    assert.equal(fault.evidence.lateByMs, undefined);
  });

  it('kills an adapter that ignores stop, and its process group', async () => {
    client = new AdapterClient({ command: command('ignore-stop'), stopGraceMs: 300 });
    await client.start();
    await client.register(registerCommand());
    const started = Date.now();
    await client.stop();
    client = undefined;
    assert.ok(Date.now() - started < 5000, 'stop returned');
  });
});
