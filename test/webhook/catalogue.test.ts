import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/run-cli.js';
import { WEBHOOK_CHECKS } from '../../suites/webhook/check-catalogue.js';

describe('the webhook check catalogue', () => {
  it('has unique, dotted ids', () => {
    const ids = WEBHOOK_CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^webhook\.[A-Za-z]+\.[A-Za-z0-9]+$/);
  });

  it('is documented in CHECKS.md with the same level for every id', () => {
    const doc = readFileSync(join(repoRoot, 'suites', 'webhook', 'CHECKS.md'), 'utf8');
    for (const check of WEBHOOK_CHECKS) {
      assert.match(doc, new RegExp(`\\| \`${check.id.replace(/\./g, '\\.')}\` \\| ${check.level} \\|`), `${check.id} ${check.level} in CHECKS.md`);
    }
    const documented = [...doc.matchAll(/\| `(webhook\.[^`]+)` \|/g)].map((m) => m[1]);
    assert.deepEqual(documented.sort(), WEBHOOK_CHECKS.map((c) => c.id).sort());
  });
});
