import type { ErrorObject } from 'ajv';

/** One validation problem as a person would write it: where, what was expected, what came. */
export interface ReadableError {
  /** JSON Pointer of the offending value (`""` is the whole document) */
  path: string;
  /** the schema keyword that failed, for programs */
  keyword: string;
  message: string;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') return 'an object';
  // a report read back keeps an integer beyond 2^53 as a bigint, which JSON.stringify refuses
  if (typeof value === 'bigint') return `the integer ${value.toString()}`;
  return `${typeof value} ${JSON.stringify(value) ?? typeof value}`;
}

function valueAt(document: unknown, pointer: string): unknown {
  if (pointer === '') return document;
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Turns ajv errors into readable ones, dropping the noise of combinators when a precise error exists. */
export function readableErrors(errors: readonly ErrorObject[] | null | undefined, document: unknown): ReadableError[] {
  if (!errors) return [];
  const precise = errors.filter((e) => !['if', 'then', 'else', 'anyOf', 'oneOf', 'allOf', 'not'].includes(e.keyword) || errors.length === 1);
  const chosen = precise.length > 0 ? precise : errors;
  // alternatives (anyOf [object, null]) fail once per branch; say them as one expectation
  const typesAt = new Map<string, string[]>();
  for (const error of chosen) {
    if (error.keyword !== 'type') continue;
    const list = typesAt.get(error.instancePath) ?? [];
    list.push(String((error.params as Record<string, unknown>)['type']));
    typesAt.set(error.instancePath, list);
  }
  const seen = new Set<string>();
  const out: ReadableError[] = [];
  for (const error of chosen) {
    const params = error.params as Record<string, unknown>;
    const actual = valueAt(document, error.instancePath);
    let path = error.instancePath;
    let message: string;
    switch (error.keyword) {
      case 'required':
        message = `missing required member "${String(params['missingProperty'])}"`;
        break;
      case 'additionalProperties':
      case 'unevaluatedProperties': {
        const name = String(params['additionalProperty'] ?? params['unevaluatedProperty']);
        path = `${error.instancePath}/${escapePointer(name)}`;
        message = `unexpected member "${name}" (not allowed here)`;
        break;
      }
      case 'type':
        message = `expected ${[...new Set(typesAt.get(error.instancePath) ?? [String(params['type'])])].join(' or ')}, got ${describe(actual)}`;
        break;
      case 'pattern':
        message = `expected a string matching ${String(params['pattern'])}, got ${describe(actual)}`;
        break;
      case 'enum':
        message = `expected one of ${JSON.stringify(params['allowedValues'])}, got ${describe(actual)}`;
        break;
      case 'const':
        message = `expected ${JSON.stringify(params['allowedValue'])}, got ${describe(actual)}`;
        break;
      case 'minLength':
      case 'maxLength':
      case 'minItems':
      case 'maxItems':
      case 'minProperties':
      case 'maxProperties':
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        message = `${error.message ?? error.keyword}, got ${describe(actual)}`;
        break;
      case 'format':
        message = `expected a ${String(params['format'])}, got ${describe(actual)}`;
        break;
      case 'oneOf':
        message = 'matches none (or more than one) of the allowed shapes';
        break;
      default:
        message = `${error.message ?? error.keyword}${actual === undefined ? '' : `, got ${describe(actual)}`}`;
    }
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path, keyword: error.keyword, message });
  }
  return out;
}

/** One line per error: `/payload: expected object, got the string "x"`. */
export function formatReadableErrors(errors: readonly ReadableError[]): string[] {
  return errors.map((e) => `${e.path === '' ? '(document)' : e.path}: ${e.message}`);
}
