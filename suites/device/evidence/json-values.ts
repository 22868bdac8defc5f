import type { JsonValue } from '../../../src/json/json-value.js';
import type { Dialect } from '../../../src/results/check-result.js';

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

/** Turns unsafe integers into the doubles JSON.parse would have made, to compare with an inexact side. */
export function roundBigInts(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(roundBigInts);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundBigInts(v)]));
  return value;
}

/** A JSON value as text for messages: strings as they are, anything else as JSON (big integers as digits). */
export { jsonAsText as asText } from '../../../src/json/stringify-json.js';
