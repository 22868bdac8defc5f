import assert from 'node:assert/strict';
import { parseJson } from '../../src/json/parse-json.js';
import { jsonAsText, stringifyJson } from '../../src/json/stringify-json.js';

describe('stringifyJson (src/json): a big integer written as its digits', () => {
  it('writes a bigint as a JSON number, wherever it stands', () => {
    assert.equal(stringifyJson({ n: 9007199254740993n, list: [1n, 'a', -18446744073709551615n] }), '{"n":9007199254740993,"list":[1,"a",-18446744073709551615]}');
    assert.equal(stringifyJson(12345678901234567890n), '12345678901234567890');
    assert.equal(stringifyJson({ a: { b: [{ c: 1n }] } }, 2), '{\n  "a": {\n    "b": [\n      {\n        "c": 1\n      }\n    ]\n  }\n}');
  });

  it('writes everything else as JSON.stringify does, with or without a bigint beside it', () => {
    const values: unknown[] = [
      { a: 1, skip: undefined, f: () => 1, list: [undefined, null, 'é\u0001"'], date: new Date(0), nested: { toJSON: () => 'as text' } },
      ['x', 0.1, -0, 1e21, true, null],
      'text',
      null,
    ];
    for (const value of values) {
      assert.equal(stringifyJson(value), JSON.stringify(value));
      assert.equal(stringifyJson(value, 2), JSON.stringify(value, null, 2));
      assert.equal(stringifyJson([value, 1n]), `[${JSON.stringify(value)},1]`, 'the lossless writer matches JSON.stringify');
    }
    assert.equal(stringifyJson(undefined), 'null');
  });

  it('round-trips with parseJson, digit for digit', () => {
    const text = '{"next":9007199254740993,"nested":{"ids":[18446744073709551615,-9007199254740993,42]},"s":"12345678901234567890"}';
    assert.equal(stringifyJson(parseJson(text)), text);
  });

  it('still refuses a value that contains itself (a TypeError, not a stack overflow)', () => {
    const loop: Record<string, unknown> = { n: 1n };
    loop['self'] = loop;
    assert.throws(() => stringifyJson(loop), TypeError);
  });

  it('jsonAsText: a string as it is, anything else as JSON with big integers as digits', () => {
    assert.equal(jsonAsText('assigned'), 'assigned');
    assert.equal(jsonAsText(undefined), 'undefined');
    assert.equal(jsonAsText({ id: 9007199254740993n }), '{"id":9007199254740993}');
  });
});
