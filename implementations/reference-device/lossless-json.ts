import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';

/**
 * The device's JSON, on the `lossless-json` package as a device team would use it: JSON.parse would
 * round integers beyond 2^53, and the device must send and surface application data exactly as given.
 * An integer beyond 2^53 is a `bigint`; every other value is what JSON.parse gives.
 */
export type LosslessJson = null | boolean | number | bigint | string | LosslessJson[] | { [key: string]: LosslessJson };

function exactNumber(literal: string): number | bigint {
  return isInteger(literal) && !isSafeNumber(literal) ? BigInt(literal) : Number(literal);
}

/** Parses JSON text strictly (a SyntaxError otherwise); a member named twice keeps its last value, as JSON.parse does. */
export function parseLosslessJson(text: string): LosslessJson {
  // with exactNumber every number is a number or a bigint, so the package's `unknown` is a LosslessJson
  return parse(text, null, { parseNumber: exactNumber, onDuplicateKey: ({ newValue }) => newValue }) as LosslessJson;
}

/** Serialises like JSON.stringify (no indentation, undefined members left out), writing a bigint as plain digits. */
export function stringifyLosslessJson(value: unknown): string {
  return stringify(value) ?? 'null';
}

/** A JSON value as text for messages and protocol fields: strings as they are, anything else as JSON. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  return stringifyLosslessJson(value);
}
