import { parseJson } from '../../../src/json/parse-json.js';
import type { JsonValue } from '../../../src/json/json-value.js';
import type { Dialect } from '../../../src/results/check-result.js';
import { dataMember, isObject, type JsonObject } from './json-values.js';

/**
 * The device data a register body carries under the dialect's member, read as DPS reads it:
 * `absent` (no member, or ga `"payload": null`, which DPS takes as none), the value as sent, or (ga) a
 * JSON string holding a JSON object, which DPS accepts and reads as that object although its
 * documentation asks for an object (docs/emulator-behaviour.md, "The register body").
 */
export type SentData =
  | { kind: 'absent' }
  | { kind: 'value'; value: JsonValue }
  | { kind: 'json-string'; value: JsonObject; text: string };

export function sentData(body: JsonObject, dialect: Dialect): SentData {
  const member = dataMember(dialect);
  if (!Object.prototype.hasOwnProperty.call(body, member)) return { kind: 'absent' };
  const value = body[member];
  if (value === undefined || (dialect === 'ga' && value === null)) return { kind: 'absent' };
  if (dialect === 'ga' && typeof value === 'string') {
    const inner = parsedText(value);
    if (isObject(inner)) return { kind: 'json-string', value: inner, text: value };
  }
  return { kind: 'value', value };
}

function parsedText(text: string): JsonValue | undefined {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}
