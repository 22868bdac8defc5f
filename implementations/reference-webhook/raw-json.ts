/**
 * The reference webhook's own copy of the harness's lossless JSON slicing: a bundled implementation
 * imports no harness module (it stands alone, as a user's webhook would; see ARCHITECTURE.md, "Layers").
 *
 * Lossless access to parts of a JSON text. JSON.parse turns integers beyond 2^53 into the nearest
 * double, and Node 20's reviver has no access to the source text, so anything that must pass device
 * data on unchanged (the emulator, the reference webhook) slices the raw text instead of parsing and
 * re-serialising it. The functions expect valid JSON (check with JSON.parse first).
 */

/** Start (inclusive) and end (exclusive) offsets of one JSON value in a text. */
export interface JsonSpan {
  start: number;
  end: number;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

function skipWhitespace(text: string, i: number): number {
  let at = i;
  while (at < text.length && WHITESPACE.has(text[at] ?? '')) at += 1;
  return at;
}

function stringEnd(text: string, i: number): number {
  let at = i + 1;
  while (at < text.length) {
    const c = text[at];
    if (c === '\\') at += 2;
    else if (c === '"') return at + 1;
    else at += 1;
  }
  throw new SyntaxError('unterminated string');
}

/** Offset just past the JSON value starting at `i` (after whitespace). */
function valueEnd(text: string, i: number): number {
  const at = skipWhitespace(text, i);
  const c = text[at];
  if (c === '"') return stringEnd(text, at);
  if (c === '{' || c === '[') {
    let depth = 0;
    let j = at;
    while (j < text.length) {
      const d = text[j];
      if (d === '"') {
        j = stringEnd(text, j);
        continue;
      }
      if (d === '{' || d === '[') depth += 1;
      else if (d === '}' || d === ']') {
        depth -= 1;
        if (depth === 0) return j + 1;
      }
      j += 1;
    }
    throw new SyntaxError('unterminated container');
  }
  let j = at;
  while (j < text.length && !',}] \t\n\r'.includes(text[j] ?? '')) j += 1;
  return j;
}

/**
 * The span of the value at `path` (a list of member names from the root object), or undefined when a
 * member is missing or a step is not an object. With duplicate names the last wins, as in JSON.parse.
 */
export function findJsonMember(text: string, path: readonly string[]): JsonSpan | undefined {
  let start = skipWhitespace(text, 0);
  for (const name of path) {
    if (text[start] !== '{') return undefined;
    let found: number | undefined;
    let at = skipWhitespace(text, start + 1);
    while (text[at] === '"') {
      const keyEnd = stringEnd(text, at);
      const key = JSON.parse(text.slice(at, keyEnd)) as string;
      const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
      if (key === name) found = valueStart;
      at = skipWhitespace(text, valueEnd(text, valueStart));
      if (text[at] === ',') at = skipWhitespace(text, at + 1);
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
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else {
      if (!WHITESPACE.has(c)) out += c;
      i += 1;
    }
  }
  return out;
}
