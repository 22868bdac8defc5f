import assert from 'node:assert/strict';
import fc from 'fast-check';
import { jsonDifference, type JsonDifference } from '../../src/adapters/json-difference.js';

/** The recursive definition the walk replaces: the same first difference, in document order. */
function recursiveDifference(expected: unknown, actual: unknown, path = ''): JsonDifference | undefined {
  const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te !== ta) return { path, expected, actual, kind: 'wrong-type' };
  if (te === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    for (let i = 0; i < Math.min(e.length, a.length); i += 1) {
      const d = recursiveDifference(e[i], a[i], `${path}/${i}`);
      if (d) return d;
    }
    return e.length === a.length ? undefined : { path, expected: e.length, actual: a.length, kind: 'wrong-length' };
  }
  if (te === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const seg = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
    for (const key of Object.keys(e)) {
      if (!Object.prototype.hasOwnProperty.call(a, key)) return { path: `${path}/${seg(key)}`, expected: e[key], actual: undefined, kind: 'missing-member' };
      const d = recursiveDifference(e[key], a[key], `${path}/${seg(key)}`);
      if (d) return d;
    }
    for (const key of Object.keys(a)) {
      if (!Object.prototype.hasOwnProperty.call(e, key)) return { path: `${path}/${seg(key)}`, expected: undefined, actual: a[key], kind: 'unexpected-member' };
    }
    return undefined;
  }
  return expected === actual ? undefined : { path, expected, actual, kind: 'wrong-value' };
}

describe('jsonDifference', () => {
  it('names the same first difference as the recursive definition, on random pairs of JSON values', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.constantFrom(null, true, 0, 1, 'a', 'b'), fc.array(tie('value'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('x', 'y', 'z/~'), tie('value'), { maxKeys: 3 })),
    })).value;
    fc.assert(
      fc.property(json, json, (a, b) => {
        assert.deepEqual(jsonDifference(a, b), recursiveDifference(a, b));
        assert.equal(jsonDifference(a, structuredClone(a)), undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it('compares values nested 100,000 deep without recursion', () => {
    const deep = (leaf: string): unknown => JSON.parse(`${'{"a":['.repeat(50_000)}"${leaf}"${']}'.repeat(50_000)}`) as unknown;
    assert.equal(jsonDifference(deep('x'), deep('x')), undefined);
    const found = jsonDifference(deep('x'), deep('y'));
    assert.equal(found?.kind, 'wrong-value');
    assert.equal(found?.path.length, '/a/0'.length * 50_000);
  });
});
