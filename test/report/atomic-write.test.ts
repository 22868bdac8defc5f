import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/report/atomic-write.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dpsc-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the file and leaves no temporary file behind', async () => {
    const target = join(dir, 'ctrf.json');
    await writeFileAtomic(target, 'one');
    await writeFileAtomic(target, 'two');
    assert.equal(await readFile(target, 'utf8'), 'two');
    assert.deepEqual(await readdir(dir), ['ctrf.json']);
  });

  it('a reader sees the whole old content or the whole new content, never a part', async () => {
    const target = join(dir, 'big.txt');
    const versions = ['a', 'b', 'c', 'd'].map((ch) => ch.repeat(2 * 1024 * 1024));
    await writeFileAtomic(target, versions[0] as string);
    let writing = true;
    const writer = (async () => {
      for (const version of versions.slice(1)) await writeFileAtomic(target, version);
      writing = false;
    })();
    let reads = 0;
    while (writing || reads === 0) {
      const seen = await readFile(target, 'utf8');
      assert.ok(versions.includes(seen), `partial content of ${seen.length} characters`);
      reads += 1;
    }
    await writer;
    assert.equal(await readFile(target, 'utf8'), versions[3]);
  });

  it('when the rename fails, the target is untouched and the temporary file is removed', async () => {
    const target = join(dir, 'report');
    await mkdir(target);
    await writeFile(join(target, 'keep'), 'x');
    await assert.rejects(writeFileAtomic(target, 'new'));
    assert.deepEqual(await readdir(dir), ['report']);
    assert.deepEqual(await readdir(target), ['keep']);
  });
});
