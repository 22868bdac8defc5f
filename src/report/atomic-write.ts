import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * the data goes to a temporary file in the same directory (same file system, so rename is atomic),
 * is flushed to disk, then renamed over the target. The temporary file is removed on any failure.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else await writePieces(handle, data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** about 1 MB per write: few system calls, and never the whole file in memory */
const BATCH_CHARS = 1 << 20;

async function writePieces(handle: FileHandle, pieces: Iterable<string>): Promise<void> {
  let batch: string[] = [];
  let size = 0;
  for (const piece of pieces) {
    batch.push(piece);
    size += piece.length;
    if (size >= BATCH_CHARS) {
      await handle.write(batch.join(''));
      batch = [];
      size = 0;
    }
  }
  if (size > 0) await handle.write(batch.join(''));
}
