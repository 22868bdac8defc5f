import type { JsonValue } from '../../../src/json/json-value.js';
import type { Dialect } from '../../../src/results/check-result.js';
import { COPY_DEPTH_LIMIT, cutMarker } from '../../../src/json/json-depth.js';

export type JsonObject = { [key: string]: JsonValue };

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The member of `value` when it is an object that has it (own property), else undefined. */
export function memberOf(value: unknown, key: string): unknown {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

/** The dialect's member for device data in a register body. */
export function dataMember(dialect: Dialect): 'payload' | 'data' {
  return dialect === 'ga' ? 'payload' : 'data';
}

/** The dialect's member for returned data in a registration state and in the webhook's answer. */
export function returnMember(dialect: Dialect): 'payload' | 'returnData' {
  return dialect === 'ga' ? 'payload' : 'returnData';
}

/**
 * Turns unsafe integers into the doubles JSON.parse would have made, to compare with an inexact side.
 * Bounded: what it reads was parsed no deeper than COPY_DEPTH_LIMIT (lossless-json), and it cuts there too.
 */
export function roundBigInts(value: unknown, depth = 0): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= COPY_DEPTH_LIMIT) return cutMarker(COPY_DEPTH_LIMIT);
  if (Array.isArray(value)) return value.map((item) => roundBigInts(item, depth + 1));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundBigInts(v, depth + 1)]));
  return value;
}

/** A JSON value as text for messages: strings as they are, anything else as JSON (big integers as digits). */
export { jsonAsText as asText } from '../../../src/json/stringify-json.js';
