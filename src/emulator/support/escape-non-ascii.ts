const NON_ASCII = /[\u0080-\uffff]/g;

/**
 * JSON text with every non-ASCII character written as a `\uXXXX` escape (one per UTF-16 code unit, so
 * characters beyond the BMP become a surrogate pair, as RFC 8259 section 7 writes them). Valid on any
 * JSON text: outside strings JSON has no non-ASCII characters.
 */
export function escapeNonAscii(json: string): string {
  return json.replace(NON_ASCII, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
