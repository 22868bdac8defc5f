/**
 * Console neutralisation for text that came from an implementation: control characters (ANSI escape
 * sequences could rewrite the terminal or fake a PASS), bidi overrides and line breaks become visible text.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => (c === '\n' ? ' ↵ ' : c === '\t' ? ' ' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
