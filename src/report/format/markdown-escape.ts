/**
 * Markdown neutralisation for text that came from an implementation. Everything is shown as text:
 * no HTML (angle brackets become entities), no links or images, no emphasis, no table breakouts
 * (pipes are escaped, line breaks become a visible mark), no terminal or invisible control characters,
 * no lone surrogates (they cannot be written as UTF-8).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

function visibleControls(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One line of inline Markdown (safe in a table cell, a list item or a heading). */
export function mdText(text: string): string {
  return visibleControls(text)
    .replace(/\r\n|\r|\n/g, ' ↵ ')
    .replace(/[\\`*_[\]|~!#]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => ENTITIES[c] ?? c);
}

/** A fenced code block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function mdFence(text: string, info = ''): string {
  const body = visibleControls(text).replace(/\r\n?/g, '\n');
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${info}\n${body}\n${fence}`;
}
