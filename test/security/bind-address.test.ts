import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startEmulator } from '../../src/emulator/index.js';
import { startReferenceWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { repoRoot } from '../helpers/run-cli.js';

/** The local addresses a process listens on for a port, from /proc/net/tcp and tcp6 (hex, little-endian IPv4). */
async function listeningAddresses(port: number): Promise<string[]> {
  const { readFile } = await import('node:fs/promises');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A = LISTEN
      const [hex, portHex] = local.split(':');
      if (Number.parseInt(portHex ?? '', 16) !== port || !hex) continue;
      found.push(hex.length === 8 ? (hex.match(/../g) ?? []).reverse().map((b) => Number.parseInt(b, 16)).join('.') : `ipv6:${hex}`);
    }
  }
  return found;
}

describe('security: servers bind to 127.0.0.1 unless told otherwise', () => {
  it('the emulator listens on 127.0.0.1 only, for HTTPS and MQTT', async () => {
    const emulator = await startEmulator({ httpsPort: 0, mqttPort: 0, retryAfterSeconds: 0 });
    try {
      assert.equal(emulator.host, '127.0.0.1');
      assert.deepEqual(await listeningAddresses(emulator.httpsPort), ['127.0.0.1']);
      assert.deepEqual(await listeningAddresses(emulator.mqttPort), ['127.0.0.1']);
    } finally {
      await emulator.close();
    }
  });

  it('the reference webhook (module) listens on 127.0.0.1 only', async () => {
    const webhook = await startReferenceWebhook({ port: 0 });
    try {
      const port = Number(new URL(webhook.url).port);
      assert.deepEqual(await listeningAddresses(port), ['127.0.0.1']);
    } finally {
      await webhook.close();
    }
  });

  it('the reference webhook program (main.js --port 0) listens on 127.0.0.1 only', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'implementations', 'reference-webhook', 'main.js'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          out += c;
          const match = /listening on (\S+)/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${String(code)}: ${out}`)));
      });
      assert.deepEqual(await listeningAddresses(Number(new URL(url).port)), ['127.0.0.1']);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
