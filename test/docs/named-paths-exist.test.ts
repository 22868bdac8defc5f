import assert from 'node:assert/strict';
import { repoRoot } from '../helpers/run-cli.js';
import { documents, namedPaths, pathExists, readRepository, type NamedPath } from './doc-paths.js';

describe('the docs name only paths that exist (doc-paths.ts has the rules)', () => {
  const repository = readRepository(repoRoot);
  const docs = documents(repoRoot, repository);

  it('reads README.md, ARCHITECTURE.md, docs/ and the check catalogues', () => {
    for (const doc of ['README.md', 'ARCHITECTURE.md', 'docs/contract/layout.md', 'suites/device/CHECKS.md', 'suites/webhook/CHECKS.md']) assert.ok(docs.includes(doc), doc);
  });

  for (const doc of docs) {
    it(doc, () => {
      const missing = namedPaths(repoRoot, doc, repository).filter((named) => !pathExists(repository, named));
      const describe = (n: NamedPath): string => `${n.doc}:${n.line}: ${n.text}${n.kind === 'link' || n.text !== n.path ? ` (${n.path})` : ''}`;
      assert.deepEqual(missing.map(describe), [], `${doc} names paths that do not exist`);
    });
  }
});
