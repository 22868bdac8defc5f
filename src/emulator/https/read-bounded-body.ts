import type { IncomingMessage } from 'node:http';
import { decodeDeviceText } from '../core/decode-device-text.js';

export type BoundedBody =
  | { ok: true; text: string; notUtf8?: string }
  | { ok: false; tooLarge: true; bytes: number }
  | { ok: false; tooLarge: false; error: string };

/**
 * Reads a request body but never holds more than `limit` bytes: past the limit the rest is read and
 * thrown away (so the client can still read the 413 answer), and past `discardLimit` the request is
 * given up on (the caller closes the connection).
 */
export function readBoundedBody(request: IncomingMessage, limit: number, discardLimit = limit * 16): Promise<BoundedBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (result: BoundedBody): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= limit) chunks.push(chunk);
      else if (bytes > discardLimit) {
        request.pause();
        settle({ ok: false, tooLarge: true, bytes });
      }
    });
    request.on('end', () => settle(bytes > limit ? { ok: false, tooLarge: true, bytes } : { ok: true, ...decodeDeviceText(Buffer.concat(chunks)) }));
    request.on('error', (error) => settle({ ok: false, tooLarge: false, error: error.message }));
    request.on('close', () => settle({ ok: false, tooLarge: false, error: 'connection closed before the body ended' }));
  });
}
