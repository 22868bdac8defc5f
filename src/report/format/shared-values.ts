import { stringifyJson } from '../../json/stringify-json.js';

/**
 * ctrf.json's evidence store keeps each long value it holds more than once a single time (layout 4,
 * docs/contract/reports.md "ctrf.json"): a device's near-limit data is in its request to the adapter, its
 * register body, the webhook's request and answer, the allocation and the final answer, 8 KiB each time;
 * a certificate chain, the webhook's answer, a schema note or a twin are in every registration that had
 * them. Such a value is `results.extra.sharedValues[id] = {value, at: {pieceId: [path, ...]}}`, each path
 * the members and array indexes leading to it in the stored piece, where the piece holds
 * `"[sharedValues.<id>]"` instead. The paths are exact, so the reader never guesses which strings are
 * references; a value is shared whole (the largest repeated value, never a part of one).
 */

/** A string shorter than this, or an object or array whose JSON text is, stays where it is: its paths would cost about what it saves. */
export const SHARED_STRING_CHARS = 256;
export const SHARED_VALUE_CHARS = 128;

export type JsonPath = Array<string | number>;
export interface SharedValue {
  value: unknown;
  at: Record<string, JsonPath[]>;
}
export interface SharedValues {
  pieces: Array<[string, unknown]>;
  sharedValues: Record<string, SharedValue>;
}

const placeholder = (id: string): string => `[sharedValues.${id}]`;
type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/** The JSON text of a value when it is long enough to share, else undefined. */
function shareableText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length >= SHARED_STRING_CHARS ? stringifyJson(value) : undefined;
  if (!isContainer(value)) return undefined;
  const text = stringifyJson(value);
  return text.length >= SHARED_VALUE_CHARS ? text : undefined;
}

/** Each member of a piece (not the piece itself) with its path, parents before children, walked with a stack (evidence holds untrusted data: no recursion). */
function* membersOf(piece: unknown, descend: (value: unknown, text: string | undefined) => boolean): Generator<[unknown, JsonPath, string | undefined]> {
  const stack: Array<[unknown, JsonPath]> = [];
  const push = (value: unknown, path: JsonPath): void => {
    if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i -= 1) stack.push([value[i], [...path, i]]);
    else if (isContainer(value)) for (const [key, member] of Object.entries(value).reverse()) stack.push([member, [...path, key]]);
  };
  push(piece, []);
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, JsonPath];
    const text = shareableText(value);
    yield [value, path, text];
    if (descend(value, text)) push(value, path);
  }
}

/** The container holding the member a path ends at, with that member's key; undefined when the path leads nowhere. */
function parentOf(piece: unknown, path: readonly unknown[]): [Record<string | number, unknown>, string | number] | undefined {
  let here = piece;
  for (let i = 0; i < path.length - 1; i += 1) {
    const step = path[i];
    if (!isContainer(here) || (typeof step !== 'string' && typeof step !== 'number') || !Object.hasOwn(here, step)) return undefined;
    here = (here as Record<string | number, unknown>)[step];
  }
  const last = path[path.length - 1];
  if (!isContainer(here) || (typeof last !== 'string' && typeof last !== 'number') || !Object.hasOwn(here, last)) return undefined;
  return [here as Record<string | number, unknown>, last];
}

/**
 * The pieces with each long value that occurs more than once among them replaced by its placeholder (the
 * largest such value; nothing inside it is looked at again), and the table of those values. The pieces
 * given are not changed (a changed piece is a copy).
 */
export function shareRepeatedValues(pieces: ReadonlyArray<readonly [string, unknown]>): SharedValues {
  const counts = new Map<string, number>();
  for (const [, piece] of pieces) {
    for (const [, , text] of membersOf(piece, () => true)) if (text !== undefined) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const ids = new Map<string, string>();
  const sharedValues: Record<string, SharedValue> = {};
  const out: Array<[string, unknown]> = [];
  for (const [pieceId, piece] of pieces) {
    const repeated = (text: string | undefined): text is string => text !== undefined && (counts.get(text) ?? 0) > 1;
    const found: Array<[unknown, JsonPath, string]> = [];
    for (const [value, path, text] of membersOf(piece, (_value, text) => !repeated(text))) if (repeated(text)) found.push([value, path, text]);
    if (found.length === 0) {
      out.push([pieceId, piece]);
      continue;
    }
    const copy = structuredClone(piece);
    for (const [value, path, text] of found) {
      const parent = parentOf(copy, path);
      if (parent === undefined) continue;
      let id = ids.get(text);
      if (id === undefined) {
        id = `v${ids.size + 1}`;
        ids.set(text, id);
        sharedValues[id] = { value, at: {} };
      }
      parent[0][parent[1]] = placeholder(id);
      ((sharedValues[id] as SharedValue).at[pieceId] ??= []).push(path);
    }
    out.push([pieceId, copy]);
  }
  // a value whose other places all lay inside larger shared values was found once: put it back, a table entry would only add
  for (const [id, shared] of Object.entries(sharedValues)) {
    const places = Object.values(shared.at).reduce((n, paths) => n + paths.length, 0);
    if (places > 1) continue;
    const [pieceId, paths] = Object.entries(shared.at)[0] as [string, JsonPath[]];
    const parent = parentOf(out.find(([p]) => p === pieceId)?.[1], paths[0] ?? []);
    if (parent !== undefined) parent[0][parent[1]] = shared.value;
    delete sharedValues[id];
  }
  return { pieces: out, sharedValues };
}

/**
 * The evidence store with each shared value back in its places (a copy: the pieces it changes are copied
 * first), and what is wrong: a path that leads nowhere, a place that does not hold the value's placeholder.
 */
export function restoreSharedValues(stored: Record<string, unknown>, sharedValues: unknown): { store: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  if (sharedValues === undefined) return { store: stored, problems };
  if (!isContainer(sharedValues) || Array.isArray(sharedValues)) return { store: stored, problems: ['must map ids to {value, at}'] };
  const store = { ...stored };
  const copied = new Set<string>();
  for (const [id, entry] of Object.entries(sharedValues)) {
    const { value, at } = (isContainer(entry) ? entry : {}) as Partial<SharedValue>;
    if (value === undefined || !isContainer(at) || Array.isArray(at)) {
      problems.push(`${id}: must be {value, at}`);
      continue;
    }
    for (const [pieceId, paths] of Object.entries(at)) {
      if (Object.hasOwn(store, pieceId) && !copied.has(pieceId)) {
        store[pieceId] = structuredClone(store[pieceId]);
        copied.add(pieceId);
      }
      for (const path of Array.isArray(paths) ? (paths as unknown[]) : [undefined]) {
        const parent = Array.isArray(path) && Object.hasOwn(store, pieceId) ? parentOf(store[pieceId], path) : undefined;
        if (parent === undefined || parent[0][parent[1]] !== placeholder(id)) {
          problems.push(`${id}: ${pieceId} ${JSON.stringify(path)} does not hold ${placeholder(id)}`);
          continue;
        }
        parent[0][parent[1]] = isContainer(value) ? structuredClone(value) : value;
      }
    }
  }
  return { store, problems };
}
