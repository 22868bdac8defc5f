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

/** A pair still to compare, or a difference to report when the walk reaches it (after the pairs before it). */
type Step = { expected: unknown; actual: unknown; path: string } | { found: JsonDifference };

/**
 * The first difference between expected and actual, or undefined when they are equal JSON. Walked on
 * a heap stack, in document order, so a value nested as deep as a target likes cannot exhaust the
 * call stack.
 */
export function jsonDifference(expected: unknown, actual: unknown, path = ''): JsonDifference | undefined {
  const steps: Step[] = [{ expected, actual, path }];
  while (steps.length > 0) {
    const step = steps.pop() as Step;
    if ('found' in step) return step.found;
    const found = compareOne(step.expected, step.actual, step.path, steps);
    if (found) return found;
  }
  return undefined;
}

/** Compares one pair: a difference now, or the pairs inside it pushed (last first) with what to report after them. */
function compareOne(expected: unknown, actual: unknown, path: string, steps: Step[]): JsonDifference | undefined {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te !== ta) return { path, expected, actual, kind: 'wrong-type' };
  if (te === 'number') {
    return numbersEqual(expected as number | bigint, actual as number | bigint) ? undefined : { path, expected, actual, kind: 'wrong-value' };
  }
  if (te === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    // a length difference shows only once the common items are equal
    if (e.length !== a.length) steps.push({ found: { path, expected: e.length, actual: a.length, kind: 'wrong-length' } });
    for (let i = Math.min(e.length, a.length) - 1; i >= 0; i -= 1) steps.push({ expected: e[i], actual: a[i], path: `${path}/${i}` });
    return undefined;
  }
  if (te === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const extra = Object.keys(a).find((key) => !Object.prototype.hasOwnProperty.call(e, key));
    if (extra !== undefined) steps.push({ found: { path: `${path}/${escapeSegment(extra)}`, expected: undefined, actual: a[extra], kind: 'unexpected-member' } });
    const keys = Object.keys(e);
    for (let i = keys.length - 1; i >= 0; i -= 1) {
      const key = keys[i] as string;
      const at = `${path}/${escapeSegment(key)}`;
      if (!Object.prototype.hasOwnProperty.call(a, key)) steps.push({ found: { path: at, expected: e[key], actual: undefined, kind: 'missing-member' } });
      else steps.push({ expected: e[key], actual: a[key], path: at });
    }
    return undefined;
  }
  return expected === actual ? undefined : { path, expected, actual, kind: 'wrong-value' };
}
