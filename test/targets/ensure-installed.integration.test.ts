import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_IMPLEMENTATIONS, ensureInstalled, installDirOf, PYTHON_SDK_VERSION_ENV } from '../../src/targets/index.js';
import { findOnPath } from '../../src/targets/find-on-path.js';

const python = BUNDLED_IMPLEMENTATIONS.find((i) => i.name === 'azure-iot-python-sdk')!;
const java = BUNDLED_IMPLEMENTATIONS.find((i) => i.name === 'azure-iot-java-sdk')!;

describe('targets: ensureInstalled', function () {
  this.timeout(120_000);

  it('answers missing-runtime, naming the program, when it is not on PATH (and installs nothing)', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'dpsc-cache-'));
    const env = { ...process.env, PATH: '/nonexistent', DPSC_CACHE_DIR: cache };
    for (const implementation of [python, java]) {
      const readiness = await ensureInstalled(implementation, { env });
      assert.equal(readiness.state, 'missing-runtime');
      assert.match(readiness.state === 'missing-runtime' ? readiness.reason : '', implementation === python ? /python3 not found on PATH/ : /java and mvn not found on PATH/);
    }
    assert.deepEqual(readdirSync(cache), []);
  });

  it('answers install-failed with the step and the log when pip cannot find the version, and leaves no install', async function () {
    if (!findOnPath('python3')) {
      if (process.env['CI'] === 'true') assert.fail('python3 is required under CI=true');
      process.stderr.write('    (skipped: python3 is not on PATH)\n');
      this.skip();
    }
    const cache = mkdtempSync(join(tmpdir(), 'dpsc-cache-'));
    // PIP_NO_INDEX: pip looks for the version without asking PyPI, and fails the same way at once
    const env = { ...process.env, DPSC_CACHE_DIR: cache, [PYTHON_SDK_VERSION_ENV]: '0.0.0.dev0', PIP_NO_INDEX: '1' };
    const lines: string[] = [];
    const readiness = await ensureInstalled(python, { env, progress: (line) => lines.push(line) });
    assert.equal(readiness.state, 'install-failed');
    if (readiness.state !== 'install-failed') return;
    assert.match(readiness.reason, /install of azure-iot-python-sdk failed: pip install failed \(exit status \d+\); see /);
    assert.ok(readiness.reason.includes(readiness.logPath));
    assert.match(readFileSync(readiness.logPath, 'utf8'), /azure-iot-device==0\.0\.0\.dev0/);
    assert.equal(existsSync(installDirOf(python, env)!), false);
    assert.deepEqual(readdirSync(join(cache, 'azure-iot-python-sdk')), []);
    assert.ok(lines.some((l) => l.startsWith('installing azure-iot-python-sdk')));
    assert.ok(lines.some((l) => /FAILED/.test(l)));
  });
});
