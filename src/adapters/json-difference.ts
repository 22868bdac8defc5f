/**
 * Where two JSON values first differ, for one-line check messages. Numbers compare by value, so an
 * unsafe integer that came back as a (rounded) number differs from the exact bigint it should be.
 */
export interface JsonDifference {
  /** JSON-pointer-like path, `` for the root */
  path: string;
  expected: unknown;
  actual: unknown;
  /** `missing-member`, `unexpected-member`, `wrong-type`, `wrong-value`, `wrong-length` */
  kind: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'bigint') return 'number';
  return typeof value;
}

function numbersEqual(a: number | bigint, b: number | bigint): boolean {
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    if (typeof a === 'number' && !Number.isInteger(a)) return false;
    if (typeof b === 'number' && !Number.isInteger(b)) return false;
    return BigInt(a) === BigInt(b);
  }
  return a === b;
}

const escapeSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The first difference between expected and actual, or undefined when they are equal JSON. */
export function jsonDifference(expected: unknown, actual: unknown, path = ''): JsonDifference | undefined {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te !== ta) return { path, expected, actual, kind: 'wrong-type' };
  if (te === 'number') {
    return numbersEqual(expected as number | bigint, actual as number | bigint) ? undefined : { path, expected, actual, kind: 'wrong-value' };
  }
  if (te === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    for (let i = 0; i < Math.min(e.length, a.length); i += 1) {
      const diff = jsonDifference(e[i], a[i], `${path}/${i}`);
      if (diff) return diff;
    }
    return e.length === a.length ? undefined : { path, expected: e.length, actual: a.length, kind: 'wrong-length' };
  }
  if (te === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!Object.prototype.hasOwnProperty.call(a, key)) return { path: `${path}/${escapeSegment(key)}`, expected: e[key], actual: undefined, kind: 'missing-member' };
      const diff = jsonDifference(e[key], a[key], `${path}/${escapeSegment(key)}`);
      if (diff) return diff;
    }
    for (const key of Object.keys(a)) {
      if (!Object.prototype.hasOwnProperty.call(e, key)) return { path: `${path}/${escapeSegment(key)}`, expected: undefined, actual: a[key], kind: 'unexpected-member' };
    }
    return undefined;
  }
  return expected === actual ? undefined : { path, expected, actual, kind: 'wrong-value' };
}
