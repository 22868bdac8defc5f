import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { committedPactsDir } from '../../src/contracts/committed-pacts.js';
import { generateContracts } from '../../src/contracts/generate-contracts.js';
import { comparablePact, listPactFiles, readPactFile } from '../../src/contracts/pact-file.js';

describe('contracts: committed pact files', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpsc-contracts-test-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('are exactly what generation produces (Pact library versions aside)', async () => {
    const generated = await generateContracts(dir);
    const committed = listPactFiles(committedPactsDir());
    assert.deepEqual(
      committed.map((f) => basename(f)),
      generated.map((f) => basename(f)),
      'the set of pact files differs: run `node dist/src/contracts/generate-contracts.js`',
    );
    for (const file of generated) {
      const mine = comparablePact(readPactFile(file));
      const theirs = comparablePact(readPactFile(join(committedPactsDir(), basename(file))));
      assert.deepEqual(theirs, mine, `${basename(file)} is out of date: run \`node dist/src/contracts/generate-contracts.js\``);
    }
  });

  it('are Pact V4 files with unique interaction descriptions', () => {
    for (const file of listPactFiles(committedPactsDir())) {
      const pact = readPactFile(file);
      assert.equal((pact.metadata?.['pactSpecification'] as { version?: string } | undefined)?.version, '4.0', basename(file));
      const descriptions = pact.interactions.map((i) => i.description);
      assert.equal(new Set(descriptions).size, descriptions.length, `${basename(file)} repeats a description`);
    }
  });
});
