/**
 * A link target reports may write (a docs URL from `--docs-url`, or a relative path to a README copied
 * beside the report): an absolute http(s) URL, or a relative path of plain path characters. Anything
 * else (javascript:, data:, a URL with user info) is left out: undefined. The result is percent-encoded
 * where Markdown or HTML could read a character as syntax (spaces, parentheses, quotes, angle brackets).
 */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  if (/^[A-Za-z0-9._~\-/]+$/.test(url) && !url.startsWith('//')) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username !== '' || parsed.password !== '') return undefined;
  return parsed.href.replace(/[ ()"'<>`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
