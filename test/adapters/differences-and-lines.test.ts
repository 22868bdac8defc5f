import assert from 'node:assert/strict';
import { jsonDifference } from '../../src/adapters/json-difference.js';
import { LineSplitter } from '../../src/adapters/line-splitter.js';

describe('JSON differences and the capped line splitter', () => {
  it('names the first difference, and sees rounded big integers', () => {
    assert.equal(jsonDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] }), undefined);
    assert.deepEqual(jsonDifference({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })?.path, '/a/1/b');
    assert.equal(jsonDifference(9007199254740993n, 9007199254740992)?.kind, 'wrong-value');
    assert.equal(jsonDifference({ a: 1 }, { a: 1, b: 2 })?.kind, 'unexpected-member');
    assert.equal(jsonDifference('{"a":1}', { a: 1 })?.kind, 'wrong-type');
  });

  it('splits lines, reports an over-long line once and carries on with the next', () => {
    const seen: string[] = [];
    const splitter = new LineSplitter(10, {
      line: (text) => seen.push(`line:${text}`),
      overflow: (_prefix, bytes) => seen.push(`overflow:${bytes}`),
      invalidUtf8: () => seen.push('invalid'),
    });
    splitter.push(Buffer.from('ab\r\ncd'));
    splitter.push(Buffer.from('e\n' + 'x'.repeat(25)));
    splitter.push(Buffer.from('yyy\nok\n'));
    splitter.push(Buffer.from([0xc3, 0x0a]));
    assert.deepEqual(seen, ['line:ab', 'line:cde', 'overflow:25', 'line:ok', 'invalid']);
  });
});
