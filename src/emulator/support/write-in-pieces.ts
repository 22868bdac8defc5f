import { sleep } from './sleep.js';

/**
 * Writes `data` in pieces of `chunkBytes` (at least 1) with `pauseMs` between writes, so that a
 * reader sees many separate reads (fragmented delivery). Stops quietly when `isClosed()` says so.
 */
export async function writeInPieces(
  write: (piece: Buffer) => void,
  data: Buffer,
  options: { chunkBytes: number; pauseMs: number; isClosed: () => boolean; signal?: AbortSignal },
): Promise<void> {
  const size = Math.max(1, Math.floor(options.chunkBytes));
  for (let offset = 0; offset < data.length; offset += size) {
    if (options.isClosed() || options.signal?.aborted) return;
    write(data.subarray(offset, offset + size));
    if (offset + size < data.length && options.pauseMs > 0) await sleep(options.pauseMs, options.signal);
  }
}
