import { xmlAllowedChars } from './xml-escape.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value for HTML: every markup character escaped, forbidden characters shown as `\uXXXX`. */
export function htmlText(text: string): string {
  return xmlAllowedChars(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
