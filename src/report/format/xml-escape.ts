/**
 * XML 1.0 neutralisation for text that came from an implementation. Escaping alone is not enough:
 * characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) make the whole file
 * unparseable even when escaped, so they are written as the visible text `\uXXXX` instead.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlAllowedChars(text: string): string {
  return text.replace(FORBIDDEN, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

const TEXT_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ENTITIES: Record<string, string> = {
  ...TEXT_ENTITIES,
  '"': '&quot;',
  "'": '&apos;',
  // attribute values are whitespace-normalised by parsers; character references keep them
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/** Element content: `>` is escaped too, so `]]>` can never appear. */
export function xmlText(text: string): string {
  return xmlAllowedChars(text).replace(/[&<>]/g, (c) => TEXT_ENTITIES[c] ?? c);
}

export function xmlAttr(text: string): string {
  return xmlAllowedChars(text).replace(/[&<>"'\n\r\t]/g, (c) => ATTR_ENTITIES[c] ?? c);
}
