/** A short, quoted look at a body for a one-line message: whitespace folded, cut at `max` characters. */
export function bodySnippet(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}
