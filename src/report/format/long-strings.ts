/**
 * ctrf.json's evidence store keeps each long text it holds more than once a single time (layout 4,
 * docs/contract/reports.md "ctrf.json"): a device's near-limit data is in its request to the adapter, its
 * register body, the webhook's request and answer, the allocation and the final answer, 8 KiB each time,
 * and a certificate chain is in every registration that used it. Such a text is
 * `results.extra.longStrings[id] = {text, at: {pieceId: [path, ...]}}`, each path the members and array
 * indexes leading to it in the stored piece, where the piece holds `"[longStrings.<id>]"` instead.
 * The paths are exact, so the reader never guesses which strings are references.
 */

/** A text shorter than this is left where it is: its paths would cost about what it saves. */
export const LONG_STRING_CHARS = 256;

export type JsonPath = Array<string | number>;
export interface LongString {
  text: string;
  at: Record<string, JsonPath[]>;
}

export interface SharedLongStrings {
  pieces: Array<[string, unknown]>;
  longStrings: Record<string, LongString>;
}

const placeholder = (id: string): string => `[longStrings.${id}]`;
type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** Every long string of a piece with its path, walked with a stack (evidence holds untrusted data: no recursion). */
function longStringsOf(piece: unknown): Array<[string, JsonPath]> {
  const found: Array<[string, JsonPath]> = [];
  const stack: Array<[unknown, JsonPath]> = [[piece, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, JsonPath];
    if (typeof value === 'string') {
      if (value.length >= LONG_STRING_CHARS && path.length > 0) found.push([value, path]);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1) stack.push([value[i], [...path, i]]);
    } else if (isContainer(value)) {
      for (const [key, member] of Object.entries(value).reverse()) stack.push([member, [...path, key]]);
    }
  }
  return found;
}

/** The container holding the member a path ends at, with that member's key; undefined when the path leads nowhere. */
function parentOf(piece: unknown, path: JsonPath): [Container, string | number] | undefined {
  let here = piece;
  for (let i = 0; i < path.length - 1; i += 1) {
    const step = path[i] as string | number;
    if (!isContainer(here) || !Object.hasOwn(here, step)) return undefined;
    here = (here as Record<string | number, unknown>)[step];
  }
  const last = path[path.length - 1];
  if (!isContainer(here) || last === undefined || !Object.hasOwn(here, last)) return undefined;
  return [here, last];
}

/**
 * The pieces with each long string that occurs more than once among them replaced by its placeholder,
 * and the table of those strings. The pieces given are not changed (a changed piece is a copy).
 */
export function shareLongStrings(pieces: ReadonlyArray<readonly [string, unknown]>): SharedLongStrings {
  const where = new Map<string, Array<[string, JsonPath]>>();
  for (const [id, piece] of pieces) {
    for (const [text, path] of longStringsOf(piece)) {
      const list = where.get(text) ?? [];
      list.push([id, path]);
      where.set(text, list);
    }
  }
  const longStrings: Record<string, LongString> = {};
  const copies = new Map<string, unknown>();
  for (const [text, list] of where) {
    if (list.length < 2) continue;
    const id = `s${Object.keys(longStrings).length + 1}`;
    const at: Record<string, JsonPath[]> = {};
    for (const [pieceId, path] of list) {
      if (!copies.has(pieceId)) copies.set(pieceId, structuredClone(pieces.find(([p]) => p === pieceId)?.[1]));
      const parent = parentOf(copies.get(pieceId), path);
      if (parent === undefined) continue;
      (parent[0] as Record<string | number, unknown>)[parent[1]] = placeholder(id);
      (at[pieceId] ??= []).push(path);
    }
    longStrings[id] = { text, at };
  }
  return { pieces: pieces.map(([id, piece]) => [id, copies.has(id) ? copies.get(id) : piece]), longStrings };
}

/**
 * The evidence store with each long string back in its places (a copy: the pieces it changes are copied
 * first), and what is wrong: a path that leads nowhere, a place that does not hold the string's placeholder.
 */
export function restoreLongStrings(stored: Record<string, unknown>, longStrings: unknown): { store: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  if (longStrings === undefined) return { store: stored, problems };
  if (!isContainer(longStrings) || Array.isArray(longStrings)) return { store: stored, problems: ['must map ids to {text, at}'] };
  const store = { ...stored };
  const copied = new Set<string>();
  for (const [id, entry] of Object.entries(longStrings)) {
    const { text, at } = (isContainer(entry) ? entry : {}) as Partial<LongString>;
    if (typeof text !== 'string' || !isContainer(at) || Array.isArray(at)) {
      problems.push(`${id}: must be {text, at}`);
      continue;
    }
    for (const [pieceId, paths] of Object.entries(at)) {
      if (Object.hasOwn(store, pieceId) && !copied.has(pieceId)) {
        store[pieceId] = structuredClone(store[pieceId]);
        copied.add(pieceId);
      }
      for (const path of Array.isArray(paths) ? paths : [undefined]) {
        const parent = Array.isArray(path) && Object.hasOwn(store, pieceId) ? parentOf(store[pieceId], path) : undefined;
        if (parent === undefined || (parent[0] as Record<string | number, unknown>)[parent[1]] !== placeholder(id)) {
          problems.push(`${id}: ${pieceId} ${JSON.stringify(path)} does not hold ${placeholder(id)}`);
          continue;
        }
        (parent[0] as Record<string | number, unknown>)[parent[1]] = text;
      }
    }
  }
  return { store, problems };
}
