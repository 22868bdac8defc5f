/** Text for a heading, a summary or a table cell: at most `maxChars` UTF-16 units, cut with `…` (never inside a surrogate pair). */
export function clipLine(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = Math.max(0, maxChars - 1);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * `text` cut to at most `max` characters at a word boundary (a space, `.`, `:`, `/`, `-` or `@`), never
 * inside a word: a text with no boundary early enough to leave a word before it is kept whole, longer
 * than `max`, rather than cut mid-word.
 */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const cut = Math.max(...[' ', '.', ':', '/', '-', '@'].map((sep) => head.lastIndexOf(sep)));
  return cut > 0 ? `${head.slice(0, cut)}…` : text;
}

