import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeSuiteDigests, digestTree, suiteVersionOf } from '../../src/certify/suite-digests.js';

describe('suite digests', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpsc-digest-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.json'), '{"a":1}');
    writeFileSync(join(dir, 'sub', 'b.json'), '{"b":2}');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is stable, and changes when a file changes, is renamed or is added', () => {
    const first = digestTree(dir);
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.equal(digestTree(dir), first);
    writeFileSync(join(dir, 'a.json'), '{"a":2}');
    const changed = digestTree(dir);
    assert.notEqual(changed, first);
    renameSync(join(dir, 'sub', 'b.json'), join(dir, 'sub', 'c.json'));
    const renamed = digestTree(dir);
    assert.notEqual(renamed, changed);
    writeFileSync(join(dir, 'new.txt'), '');
    assert.notEqual(digestTree(dir), renamed);
  });

  it('digests a missing directory as empty', () => {
    assert.equal(digestTree(join(dir, 'none')), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    mkdirSync(join(dir, 'empty'));
    assert.equal(digestTree(join(dir, 'none')), digestTree(join(dir, 'empty')));
  });

  it('covers the package schemas, contracts and corpus, and derives a suite version from them', () => {
    const digests = computeSuiteDigests();
    assert.deepEqual(Object.keys(digests), ['schemas', 'contracts', 'corpus']);
    assert.notEqual(digests.schemas, digests.contracts);
    assert.match(suiteVersionOf(digests), /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(suiteVersionOf(digests), suiteVersionOf({ ...digests, corpus: digests.schemas }));
  });
});
