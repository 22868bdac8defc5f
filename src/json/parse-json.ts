import { isInteger, parse } from 'lossless-json';
import type { JsonValue } from './json-value.js';
import { jsonTextDepth } from './json-depth.js';

/**
 * Deepest nesting parsed. lossless-json descends recursively; this bound keeps a hostile text from
 * exhausting the stack (a SyntaxError instead), and is far beyond any DPS message.
 */
export const MAX_JSON_DEPTH = 2_000;

/** An integer JSON.parse would round becomes a bigint; every other number is what JSON.parse gives. */
function parseNumber(literal: string): number | bigint {
  const value = Number(literal);
  return Number.isSafeInteger(value) || !isInteger(literal) ? value : BigInt(literal);
}

/**
 * A member named twice: the last one wins, as with JSON.parse, System.Text.Json's serializer and
 * Newtonsoft.Json (docs/contract/reports.md, "Exact numbers").
 */
function lastWins({ newValue }: { newValue: unknown }): unknown {
  return newValue;
}

/**
 * Parses JSON text (RFC 8259, strict) without losing digits: integers beyond 2^53 become `bigint`.
 * Throws SyntaxError (with the position) for text that is not JSON or nests deeper than MAX_JSON_DEPTH.
 */
export function parseJson(text: string): JsonValue {
  const depth = jsonTextDepth(text);
  if (depth > MAX_JSON_DEPTH) throw new SyntaxError(`JSON nested ${depth} levels deep, more than the ${MAX_JSON_DEPTH} parsed`);
  // lossless-json's value type is `unknown`; with this number parser it is a JsonValue
  return parse(text, null, { parseNumber, onDuplicateKey: lastWins }) as JsonValue;
}
