import assert from 'node:assert/strict';
import { findJsonMember, minifyJson, rawJsonMember } from '../../src/json/raw-json-member.js';

describe('raw JSON members', () => {
  const text = '{ "a" : { "b\\"q" : [1, {"c":"}]"}], "big": 9007199254740993 , "e": 1E+3 },\n "z": null }';

  it('slices a nested member exactly as written, numbers and all', () => {
    assert.equal(rawJsonMember(text, ['a', 'big']), '9007199254740993');
    assert.equal(rawJsonMember(text, ['a', 'e']), '1E+3');
    assert.equal(rawJsonMember(text, ['a', 'b"q']), '[1, {"c":"}]"}]');
    assert.equal(rawJsonMember(text, ['z']), 'null');
  });

  it('finds nothing where a member is missing or a step is not an object', () => {
    assert.equal(findJsonMember(text, ['missing']), undefined);
    assert.equal(findJsonMember(text, ['z', 'deeper']), undefined);
    assert.equal(findJsonMember('[1,2]', ['a']), undefined);
  });

  it('takes the last of duplicate members, as JSON.parse does', () => {
    assert.equal(rawJsonMember('{"a":1,"a":2}', ['a']), '2');
  });

  it('removes only insignificant whitespace', () => {
    assert.equal(minifyJson('{ "a b" : [ 1 , "x  y" ] ,\n"n": 12345678901234567890 }'), '{"a b":[1,"x  y"],"n":12345678901234567890}');
    assert.equal(minifyJson('"\\" spaced \\\\"'), '"\\" spaced \\\\"');
  });
});
