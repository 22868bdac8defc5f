import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.js';

describe('generated TypeScript types', () => {
  it('match the schemas (run `npm run generate:types` after changing a schema)', function () {
    this.timeout(120_000);
    let output = '';
    try {
      output = execFileSync(process.execPath, [join(repoRoot, 'scripts', 'generate-types.mjs'), '--check'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const failure = error as { stderr?: string; stdout?: string };
      assert.fail(`generated types are out of date:\n${failure.stderr ?? ''}${failure.stdout ?? ''}`);
    }
    assert.match(output, /generated types match the schemas/);
  });
});
