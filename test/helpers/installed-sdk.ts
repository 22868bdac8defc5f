import assert from 'node:assert/strict';
import type { Context } from 'mocha';
import { ensureInstalled, missingPrograms, type BundledImplementation } from '../../src/targets/index.js';

/**
 * A bundled SDK, installed into the cache when it is not there; the test is skipped with a note when
 * its programs are missing (a failure under CI=true).
 */
export async function installedSdkOrSkip(context: Context, implementation: BundledImplementation): Promise<{ command: string; dir?: string }> {
  const missing = missingPrograms(implementation);
  if (missing.length > 0) {
    if (process.env['CI'] === 'true') assert.fail(`${missing.join(', ')} required under CI=true`);
    process.stderr.write(`    (skipped: ${missing.join(' and ')} not on PATH)\n`);
    context.skip();
  }
  const readiness = await ensureInstalled(implementation, { progress: (line) => process.stderr.write(`    ${line}\n`) });
  assert.equal(readiness.state, 'ready', JSON.stringify(readiness));
  if (readiness.state !== 'ready') throw new Error('not ready');
  return { command: readiness.command, ...(readiness.dir !== undefined ? { dir: readiness.dir } : {}) };
}
