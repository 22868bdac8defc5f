/**
 * How deep a JSON document nests, and the limits the harness applies to what a target sends.
 *
 * Depth counts nested containers: `1` is 0 deep, `{}` and `[]` are 1, `{"a":[1]}` is 2. DPS documents
 * no limit (docs/protocol/limits.md, "Nesting depth"): UNCONFIRMED. The .NET JSON readers DPS is built
 * on refuse documents deeper than 64 by default (System.Text.Json `JsonReaderOptions.MaxDepth`,
 * Json.NET 13 `JsonSerializerSettings.MaxDepth`), so that is the emulator's default and the suites'
 * limit. Past it a document is never parsed into a value: what the target sent is kept as text and
 * judged as too deep, so no walk over it (redaction, comparison, reports) can run out of stack.
 */
export const JSON_DEPTH_LIMIT = 64;

/**
 * How deep the harness's own walks (redaction, evidence clipping, report formatting) copy a value
 * before they cut it with a marker: far past anything a target gets through JSON_DEPTH_LIMIT plus the
 * harness's own wrapping (result, evidence, transcript entry), and far short of where
 * `JSON.stringify` runs out of stack (some 5,000 levels).
 */
export const COPY_DEPTH_LIMIT = 256;

/**
 * The highest depth limit a user may give the emulator (`emulate --max-json-depth`): the harness's
 * walks, with their own wrapping around a body, stay under COPY_DEPTH_LIMIT.
 */
export const MAX_CONFIGURABLE_JSON_DEPTH = 200;

/** What a walk writes where it cut a value deeper than its limit. */
export function cutMarker(limit: number): string {
  return `[nested deeper than ${limit} levels: cut here]`;
}

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of containers in a JSON text, in one pass without recursion (brackets inside
 * strings do not count). It reads any text, valid or not: for invalid JSON the figure is what the
 * brackets say. With `stopAbove`, it returns as soon as the depth passes that figure.
 */
export function jsonTextDepth(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i += 1;
      else if (code === QUOTE) inString = false;
      continue;
    }
    if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && depth > 0) depth -= 1;
  }
  return deepest;
}

/** Whether a JSON text nests deeper than `limit` (JSON_DEPTH_LIMIT by default). */
export function isTooDeep(text: string, limit = JSON_DEPTH_LIMIT): boolean {
  return jsonTextDepth(text, limit) > limit;
}

/** The one-line account of a document that nests too deep, for messages and transcript notes. */
export function tooDeepMessage(text: string, limit = JSON_DEPTH_LIMIT): string {
  const depth = jsonTextDepth(text);
  return `JSON nested ${depth.toLocaleString('en-US')} levels deep, deeper than the ${limit} levels the harness reads (DPS's own limit is UNCONFIRMED; .NET's JSON readers stop at 64)`;
}

/**
 * The depth of a parsed value (containers only), without recursion; stops once past `stopAbove`
 * (which also ends the walk of a value that contains itself).
 */
export function valueDepth(value: unknown, stopAbove = COPY_DEPTH_LIMIT): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) {
      deepest = here;
      if (deepest > stopAbove) return deepest;
    }
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, here]);
  }
  return deepest;
}
