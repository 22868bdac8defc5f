import { isInteger, parse } from 'lossless-json';
import type { JsonValue } from './json-value.js';
import { jsonTextDepth } from './json-depth.js';

/**
 * Deepest nesting parsed. lossless-json descends recursively; this bound keeps a hostile text from
 * exhausting the stack (a SyntaxError instead), and is far beyond any DPS message.
 */
export const MAX_JSON_DEPTH = 2_000;

/**
 * Every integer of at most 15 digits is below 2^53 and exact as a double, so a text without a run of
 * 16 or more digits that could be an integer (not after a point, not before a point or an exponent;
 * a run inside a string only costs time) has nothing JSON.parse would round: V8's own parser, about
 * ten times faster than lossless-json's, reads it.
 */
const LONG_INTEGER = /(?<![\d.])\d{16,}(?![\d.eE])/;

/** An integer JSON.parse would round becomes a bigint; every other number is what JSON.parse gives. */
function parseNumber(literal: string): number | bigint {
  const value = Number(literal);
  return Number.isSafeInteger(value) || !isInteger(literal) ? value : BigInt(literal);
}

/**
 * A member named twice: the last one wins, as with JSON.parse, System.Text.Json's serializer and
 * Newtonsoft.Json's default (docs/contract/reports.md, "Exact numbers and duplicate names").
 */
function lastWins({ newValue }: { newValue: unknown }): unknown {
  return newValue;
}

/**
 * Parses JSON text (RFC 8259, strict, as JSON.parse) without losing digits: integers beyond 2^53
 * become `bigint` (lossless-json), every other value is what JSON.parse gives, a duplicate member name
 * keeps the last value. Throws SyntaxError for text that is not JSON or nests deeper than
 * MAX_JSON_DEPTH.
 */
export function parseJson(text: string): JsonValue {
  const depth = jsonTextDepth(text);
  if (depth > MAX_JSON_DEPTH) throw new SyntaxError(`JSON nested ${depth} levels deep, more than the ${MAX_JSON_DEPTH} parsed`);
  // both parsers give JSON values; lossless-json's type is `unknown`, JSON.parse's `any`
  if (!LONG_INTEGER.test(text)) return JSON.parse(text) as JsonValue;
  return parse(text, null, { parseNumber, onDuplicateKey: lastWins }) as JsonValue;
}
