import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { devicePacticipant, dpsPacticipant, pactFileName } from '../../contracts/definitions/index.js';
import { repoRoot } from '../helpers/run-cli.js';

const child = join(repoRoot, 'dist', 'test', 'contracts', 'device-contract-child.js');

/** Runs the verification in a child process (see device-contract-verification.ts for why), keeping its output. */
function verifyInChild(dialect: string): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const verifier = spawn(process.execPath, [child, dialect], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    verifier.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    verifier.stderr.setEncoding('utf8').on('data', (text: string) => (output += text));
    const timer = setTimeout(() => verifier.kill('SIGKILL'), 110_000);
    verifier.on('error', reject);
    verifier.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

/**
 * The project verifies its own emulator as the provider of the device -> DPS contracts
 * (`contracts/pacts/device-<dialect>-dps-<dialect>.json`, docs/contract/layout.md), for real
 * (device-contract-verification.ts).
 */
describe('contracts: the emulator as provider of the device contract', function () {
  this.timeout(120_000);

  for (const dialect of ['ga', 'preview'] as const) {
    it(`verifies every interaction of ${pactFileName(devicePacticipant(dialect), dpsPacticipant(dialect))}`, async () => {
      const run = await verifyInChild(dialect);
      assert.equal(run.status, 0, run.output.slice(-4000));
      assert.match(run.output, /Verifying a pact between/);
    });
  }
});
