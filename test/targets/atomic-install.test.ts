import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installAtomically } from '../../src/targets/atomic-install.js';
import { readMarker } from '../../src/targets/install-marker.js';

describe('targets: atomic install', () => {
  const marker = { name: 'demo', installed: 'demo 1.0', key: 'k1' };

  it('renames a finished build into place with the marker written last', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dpsc-atomic-'));
    const final = join(root, 'demo', 'k1');
    let sawMarkerDuringBuild = true;
    await installAtomically(final, marker, (tmp) => {
      writeFileSync(join(tmp, 'payload.txt'), 'x');
      sawMarkerDuringBuild = readMarker(tmp) !== undefined;
      return Promise.resolve();
    });
    assert.equal(sawMarkerDuringBuild, false);
    assert.equal(readMarker(final)?.installed, 'demo 1.0');
    assert.ok(existsSync(join(final, 'payload.txt')));
    assert.deepEqual(readdirSync(join(root, 'demo')), ['k1']);
  });

  it('leaves nothing that looks installed when the build fails half-way', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dpsc-atomic-'));
    const final = join(root, 'demo', 'k1');
    await assert.rejects(
      installAtomically(final, marker, (tmp) => {
        writeFileSync(join(tmp, 'half.txt'), 'x');
        return Promise.reject(new Error('network down'));
      }),
      /network down/,
    );
    assert.equal(existsSync(final), false);
    assert.deepEqual(readdirSync(join(root, 'demo')), []);
  });

  it('replaces a directory without a marker (a leftover), and keeps an install another process finished first', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dpsc-atomic-'));
    const final = join(root, 'demo', 'k1');
    mkdirSync(final, { recursive: true });
    writeFileSync(join(final, 'stale.txt'), 'left by a crash of an older layout');
    await installAtomically(final, marker, (tmp) => Promise.resolve(writeFileSync(join(tmp, 'a.txt'), 'a')));
    assert.equal(existsSync(join(final, 'stale.txt')), false);
    // a second install of the same key finds the finished one at rename time and keeps it
    const second = await installAtomically(final, { ...marker, installed: 'other' }, (tmp) => Promise.resolve(writeFileSync(join(tmp, 'b.txt'), 'b')));
    assert.equal(second.installed, 'demo 1.0');
    assert.equal(existsSync(join(final, 'b.txt')), false);
    assert.deepEqual(readdirSync(join(root, 'demo')), ['k1']);
  });
});
