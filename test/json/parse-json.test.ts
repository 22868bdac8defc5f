import assert from 'node:assert/strict';
import { isInteger, parse } from 'lossless-json';
import { loadCorpus } from '../../suites/corpus/load-corpus.js';
import { MAX_JSON_DEPTH, parseJson } from '../../src/json/parse-json.js';

/** lossless-json alone, set as parseJson sets it: what parseJson must give whichever parser it takes. */
function losslessOnly(text: string): unknown {
  const parseNumber = (literal: string): number | bigint => {
    const value = Number(literal);
    return Number.isSafeInteger(value) || !isInteger(literal) ? value : BigInt(literal);
  };
  return parse(text, null, { parseNumber, onDuplicateKey: ({ newValue }) => newValue });
}

function nested(depth: number, inner: string): string {
  return `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
}

describe('parseJson (src/json): exact numbers on lossless-json', () => {
  it('keeps integers beyond 2^53 as bigint and gives every other value as JSON.parse does', () => {
    const text = '{"next":9007199254740993,"neg":-18446744073709551615,"twoTo53":9007199254740992,"safe":42,"sixteen":1000000000000000,"half":0.5,"exp":1e3,"bigExp":1.5e300,"longFraction":12345678901234567890.5,"__proto__":{"x":1}}';
    const value = parseJson(text) as Record<string, unknown>;
    assert.equal(value['next'], 9007199254740993n);
    assert.equal(value['neg'], -18446744073709551615n);
    assert.equal(value['twoTo53'], 9007199254740992n, '2^53 itself is not a safe integer');
    assert.equal(value['safe'], 42);
    assert.equal(value['sixteen'], 1000000000000000, 'a safe integer of 16 digits stays a number');
    assert.equal(value['exp'], 1000);
    assert.equal(value['bigExp'], 1.5e300, 'an exponent form is a number, as JSON.parse gives it');
    assert.equal(value['longFraction'], Number('12345678901234567890.5'), 'a fraction is a number, as JSON.parse gives it');
    assert.ok(Object.prototype.hasOwnProperty.call(value, '__proto__'), '__proto__ stays data');
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  it('gives what lossless-json alone gives, for every corpus data text and for texts that take either parser', () => {
    const texts = [
      ...loadCorpus().flatMap((entry) => (entry.dataJson !== undefined ? [entry.dataJson] : 'data' in entry ? [JSON.stringify(entry.data, null, 1)] : [])),
      '{"id":"1234567890123456789","n":1}',
      '[1234567890123456,-0,0.1,"\\u00e9\\ud83d\\ude00",null,true,false,{}]',
      ' \t\n{"a" : [ 1 , 2 ] }\r\n',
      '"a string alone"',
      '-0',
      '[0.30000000000000004,12345678901234567.5,12345678901234567e2,1.5e1234567890123456]',
    ];
    assert.ok(texts.length > 10, 'the corpus has data texts');
    for (const text of texts) assert.deepEqual(parseJson(text), losslessOnly(text), text);
  });

  it('keeps the last value of a member named twice, whichever parser reads it', () => {
    assert.deepEqual(parseJson('{"a":1,"b":2,"a":3}'), { a: 3, b: 2 });
    assert.deepEqual(parseJson('{"a":1,"a":9007199254740993}'), { a: 9007199254740993n });
    assert.deepEqual(parseJson('{"a":9007199254740993,"a":1}'), { a: 1 });
    assert.deepEqual(parseJson('{"o":{"x":1},"o":{"y":12345678901234567890}}'), { o: { y: 12345678901234567890n } });
    assert.deepEqual(parseJson('[{"a":"x","a":"y"}]'), [{ a: 'y' }]);
  });

  it('rejects what JSON.parse rejects, with a SyntaxError, whichever parser reads it', () => {
    const bad = ['', ' ', '{', '{"a":}', '[1,]', '01', '"\u0001"', '{"a":1} x', 'nul', "{'a':1}", '[1 2]', '\ufeff1', '{"a":1,}', '1.', '-', '.5', '+1', 'NaN', '"\\x41"'];
    for (const text of bad) {
      assert.throws(() => JSON.parse(text), SyntaxError, `JSON.parse accepts ${JSON.stringify(text)}`);
      assert.throws(() => parseJson(text), SyntaxError, text);
      // the same mistake beside a big integer goes through lossless-json
      const withBig = `[12345678901234567890,${text}]`;
      assert.throws(() => parseJson(withBig), SyntaxError, withBig);
    }
  });

  it(`parses ${MAX_JSON_DEPTH} levels and refuses one more, whichever parser would read it`, () => {
    assert.equal(parseJson(nested(MAX_JSON_DEPTH, '1')) instanceof Array, true);
    assert.equal(parseJson(nested(MAX_JSON_DEPTH, '12345678901234567890')) instanceof Array, true);
    assert.throws(() => parseJson(nested(MAX_JSON_DEPTH + 1, '1')), /nested 2001 levels deep/);
    assert.throws(() => parseJson(nested(MAX_JSON_DEPTH + 1, '12345678901234567890')), /nested 2001 levels deep/);
    // brackets inside strings are text
    assert.deepEqual(parseJson(`["${'['.repeat(3000)}"]`), ['['.repeat(3000)]);
  });
});
