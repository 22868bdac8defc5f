import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.js';
import { listeningAddresses } from './listening-addresses.js';

describe('security: the reference webhook program binds to 127.0.0.1 unless told otherwise', () => {
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
