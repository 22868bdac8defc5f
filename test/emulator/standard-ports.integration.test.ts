import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { repoRoot } from '../helpers/run-cli.js';

function tlsHandshake(host: string, port: number, caPem: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    // servername is not sent for an IP; the check is against the IP SAN, as the Python SDK does it
    const socket = connect({ host, port, ca: caPem }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('emulator standard ports (443/8883 on a loopback address of its own)', function () {
  this.timeout(30_000);
  const started: RunningEmulator[] = [];
  after(async () => {
    await Promise.all(started.map((e) => e.close()));
  });

  it('serves at 443, 8883 and 5671 on 127.0.0.2 and up, one address per emulator, each in its certificate', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const first = await startEmulator({ standardPorts: true });
    started.push(first);
    const second = await startEmulator({ standardPorts: true });
    started.push(second);
    for (const emulator of [first, second]) {
      assert.match(emulator.host, /^127\.0\.0\.(\d+)$/);
      assert.notEqual(emulator.host, '127.0.0.1');
      assert.equal(emulator.httpsPort, 443);
      assert.equal(emulator.mqttPort, 8883);
      assert.equal(emulator.amqpPort, 5671);
      for (const port of [443, 8883, 5671]) {
        const socket = await tlsHandshake(emulator.host, port, emulator.caPem);
        assert.equal(socket.authorized, true);
        socket.destroy();
      }
    }
    assert.notEqual(first.host, second.host);
  });

  it('moves on to the next address when one is taken', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const a = await startEmulator({ standardPorts: true });
    started.push(a);
    await a.close();
    // the freed address is taken again by a plain emulator at 8883 only: a standard-ports emulator must skip it
    const blocker = await startEmulator({ host: a.host, httpsPort: 0, mqttPort: 8883 });
    started.push(blocker);
    const b = await startEmulator({ standardPorts: true });
    started.push(b);
    assert.notEqual(b.host, a.host);
  });

  it('without privilege, fails with an error that names the options (setcap, sysctl)', function () {
    const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
    if (process.getuid?.() !== 0 || !setpriv) this.skip();
    const script = `import(${JSON.stringify(join(repoRoot, 'dist', 'src', 'emulator', 'index.js'))}).then((m) => m.startEmulator({ standardPorts: true }))` +
      `.then(() => { console.log('bound'); process.exit(0); }, (e) => { console.log(e.code + ': ' + e.message); process.exit(3); })`;
    const run = spawnSync(setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', process.execPath, '-e', script], { encoding: 'utf8', timeout: 20_000 });
    if (run.stdout.includes('bound')) this.skip(); // unprivileged ports are allowed on this machine (sysctl)
    assert.equal(run.status, 3, run.stderr);
    assert.match(run.stdout, /ERR_DPSC_PORT_UNAVAILABLE/);
    assert.match(run.stdout, /EACCES/);
    assert.match(run.stdout, /cap_net_bind_service/);
    assert.match(run.stdout, /ip_unprivileged_port_start/);
  });
});
