import { isUtf8 } from 'node:buffer';

/** A device's bytes as text, and where they stop being UTF-8 when they do. */
export interface DeviceText {
  /** the text, each invalid sequence read as U+FFFD (as Node's Buffer#toString does) */
  text: string;
  /** set when the bytes are not UTF-8: the first bad sequence, where, and what RFC 8259 asks */
  notUtf8?: string;
}

/** What the emulator does with a register body that is not UTF-8 (EmulatorOptions.invalidUtf8). */
export type InvalidUtf8Handling = 'refuse' | 'replace';

/** How every record of bytes that are not UTF-8 begins (the device suite finds them by it). */
export const NOT_UTF8 = 'the body is not UTF-8';

const REPLACEMENT = '\uFFFD';
const UTF8_REPLACEMENT_BYTES = Buffer.from(REPLACEMENT, 'utf8');

/**
 * Decodes what a device sent. JSON exchanged between systems MUST be UTF-8 (RFC 8259 section 8.1), so
 * bytes that are not are reported, never silently read as U+FFFD alone.
 */
export function decodeDeviceText(bytes: Buffer): DeviceText {
  const text = bytes.toString('utf8');
  if (!text.includes(REPLACEMENT) || isUtf8(bytes)) return { text };
  const offset = firstInvalidOffset(bytes, text);
  const shown = [...bytes.subarray(offset, offset + 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
  return { text, notUtf8: `${NOT_UTF8}: bytes ${shown} at offset ${offset} (RFC 8259 section 8.1: JSON text exchanged between systems MUST be encoded using UTF-8)` };
}

/**
 * The byte offset of the first invalid sequence: the first U+FFFD of the decoded text that the bytes
 * do not spell as EF BF BD (a device may send a real U+FFFD). The text before it decoded cleanly, so its
 * UTF-8 length is the offset.
 */
function firstInvalidOffset(bytes: Buffer, text: string): number {
  for (let at = text.indexOf(REPLACEMENT); at !== -1; at = text.indexOf(REPLACEMENT, at + 1)) {
    const offset = Buffer.byteLength(text.slice(0, at), 'utf8');
    if (!bytes.subarray(offset, offset + 3).equals(UTF8_REPLACEMENT_BYTES)) return offset;
  }
  return 0;
}
