import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COMMA, CR, LF, OPEN_BRACE, OPEN_BRACKET, QUOTE, SPACE, TAB } from './json-char-codes.js';

/**
 * Parts of a JSON text exactly as written. The emulator passes device data to the webhook, and the
 * webhook's data to the device, as their authors wrote it: integers beyond 2^53, exponent forms,
 * trailing zeros and string escapes included, which no parse and re-write keeps (parseJson keeps
 * the integers' digits, not their spelling). Slicing is also the cheapest way there, on the path every
 * registration takes (docs/performance.md). The functions expect valid JSON (check it first).
 */

/** Start (inclusive) and end (exclusive) offsets of one JSON value in a text. */
export interface JsonSpan {
  start: number;
  end: number;
}

/** any character minifyJson may remove; a text without one is already minified */
const ANY_WHITESPACE = /[ \t\n\r]/;

function isWhitespace(code: number): boolean {
  return code === SPACE || code === TAB || code === LF || code === CR;
}

function skipWhitespace(text: string, i: number): number {
  let at = i;
  while (at < text.length && isWhitespace(text.charCodeAt(at))) at += 1;
  return at;
}

/** Offset just past the string whose opening quote is at `i`. */
function stringEnd(text: string, i: number): number {
  let at = i + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) throw new SyntaxError('unterminated string');
    // the quote ends the string unless an odd number of backslashes stands right before it
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** Offset just past the JSON value starting at `i` (after whitespace). */
function valueEnd(text: string, i: number): number {
  const at = skipWhitespace(text, i);
  const c = text.charCodeAt(at);
  if (c === QUOTE) return stringEnd(text, at);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    let j = at;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === QUOTE) {
        j = stringEnd(text, j);
        continue;
      }
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth += 1;
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        depth -= 1;
        if (depth === 0) return j + 1;
      }
      j += 1;
    }
    throw new SyntaxError('unterminated container');
  }
  let j = at;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isWhitespace(d)) break;
    j += 1;
  }
  return j;
}

/** The member name whose quoted text spans `start` to `end`; only a name with escapes needs JSON.parse. */
function memberName(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

/**
 * The span of the value at `path` (a list of member names from the root object), or undefined when a
 * member is missing or a step is not an object. With duplicate names the last wins, as in JSON.parse.
 */
export function findJsonMember(text: string, path: readonly string[]): JsonSpan | undefined {
  let start = skipWhitespace(text, 0);
  for (const name of path) {
    if (text.charCodeAt(start) !== OPEN_BRACE) return undefined;
    let found: number | undefined;
    let at = skipWhitespace(text, start + 1);
    while (text.charCodeAt(at) === QUOTE) {
      const keyEnd = stringEnd(text, at);
      const key = memberName(text, at, keyEnd);
      const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
      if (key === name) found = valueStart;
      at = skipWhitespace(text, valueEnd(text, valueStart));
      if (text.charCodeAt(at) === COMMA) at = skipWhitespace(text, at + 1);
    }
    if (found === undefined) return undefined;
    start = found;
  }
  return { start, end: valueEnd(text, start) };
}

/** The raw JSON text of the value at `path`, exactly as written (numbers keep every digit). */
export function rawJsonMember(text: string, path: readonly string[]): string | undefined {
  const span = findJsonMember(text, path);
  return span === undefined ? undefined : text.slice(span.start, span.end);
}

/** The JSON text without insignificant whitespace; strings and numbers are kept exactly as written. */
export function minifyJson(text: string): string {
  if (!ANY_WHITESPACE.test(text)) return text;
  let out = '';
  let i = 0;
  // copy runs of kept characters whole: strings verbatim, whitespace outside strings dropped
  let runStart = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i);
    else if (isWhitespace(c)) {
      out += text.slice(runStart, i);
      i += 1;
      runStart = i;
    } else i += 1;
  }
  return out + text.slice(runStart);
}
