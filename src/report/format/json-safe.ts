import { stringifyJson } from '../../json/stringify-json.js';
import { COPY_DEPTH_LIMIT, cutMarker } from '../../json/json-depth.js';

/**
 * Makes any value serialisable by stringifyJson without losing what can be kept: evidence may hold cycles,
 * Buffers, Errors or Maps, and a report must never fail to write because of them (mocha's json reporter
 * has the same concern). JSON values pass through unchanged, big integers (`bigint`) included, so a
 * round trip through stringifyJson and parseJson (src/json/) is lossless; JSON.stringify refuses them.
 */
export function toJsonSafe(value: unknown): unknown {
  return walk(value, [], 0);
}

/** Cut as the other walks cut (src/json/json-depth.ts): past any depth a target gets through, before JSON.stringify's own limit. */
const MAX_DEPTH = COPY_DEPTH_LIMIT;

function walk(value: unknown, ancestors: object[], depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint': // kept: stringifyJson writes its digits, the one way a report writes a big integer
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    default:
      break;
  }
  if (value === null) return null;
  const object = value as object;
  if (ancestors.includes(object)) return '[Circular]';
  if (depth >= MAX_DEPTH) return cutMarker(MAX_DEPTH);
  if (Buffer.isBuffer(object)) return object.toString('utf8');
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof Error) return { name: object.name, message: object.message };
  const inner = [...ancestors, object];
  if (Array.isArray(object)) return object.map((item) => walk(item, inner, depth + 1) ?? null);
  if (object instanceof Map) return walk(Object.fromEntries([...object].map(([k, v]) => [String(k), v])), ancestors, depth);
  if (object instanceof Set) return walk([...object], ancestors, depth);
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return walk((toJSON as () => unknown).call(object), ancestors, depth);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    const safe = walk(item, inner, depth + 1);
    if (safe !== undefined) copy[key] = safe;
  }
  return copy;
}

/** Cycle-safe JSON text of any value; a big integer is written as its digits. */
export function safeStringify(value: unknown, indent?: number): string {
  const safe = toJsonSafe(value);
  return safe === undefined ? 'undefined' : stringifyJson(safe, indent);
}
