import { stringify } from 'lossless-json';

/**
 * JSON text of a value as JSON.stringify writes it (undefined members left out, `toJSON` honoured),
 * except that a `bigint` is written as its digits, a JSON number: the one way the harness writes a big
 * integer, on the wire and in every report (docs/contract/reports.md, "Exact numbers").
 */
export function stringifyJson(value: unknown, indent?: number): string {
  return stringify(value, undefined, indent) ?? 'null';
}

/** A JSON value as text for a message: a string as it is, anything else as JSON (big integers as digits). */
export function jsonAsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return stringifyJson(value);
}
