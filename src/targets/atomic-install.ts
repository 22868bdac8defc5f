import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MARKER_FILE, readMarker, type InstallMarker } from './install-marker.js';

/**
 * Builds an install in a temporary directory beside `finalDir`, writes the marker last, then renames
 * it into place: a crash or a failure leaves at most a `.tmp-*` directory, never a `finalDir` that
 * looks finished. When another process finished the same install first, its result is kept.
 */
export async function installAtomically(finalDir: string, marker: Omit<InstallMarker, 'installedAt'>, build: (tmpDir: string) => Promise<void>): Promise<InstallMarker> {
  await mkdir(dirname(finalDir), { recursive: true });
  const tmpDir = join(dirname(finalDir), `.tmp-${basename(finalDir)}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(tmpDir, { recursive: true });
  try {
    await build(tmpDir);
    const written: InstallMarker = { ...marker, installedAt: new Date().toISOString() };
    await writeFile(join(tmpDir, MARKER_FILE), `${JSON.stringify(written, null, 2)}\n`);
    // a directory there without a marker is a leftover (copied by hand, or from an older layout)
    if (!readMarker(finalDir)) await rm(finalDir, { recursive: true, force: true });
    try {
      await rename(tmpDir, finalDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const theirs = readMarker(finalDir);
      if ((code === 'ENOTEMPTY' || code === 'EEXIST') && theirs) return theirs;
      throw error;
    }
    return written;
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}
