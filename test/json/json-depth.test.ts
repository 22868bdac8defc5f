import assert from 'node:assert/strict';
import { isTooDeep, JSON_DEPTH_LIMIT, jsonTextDepth, tooDeepMessage, valueDepth } from '../../src/json/json-depth.js';

describe('jsonTextDepth', () => {
  it('counts nested containers, not brackets inside strings', () => {
    assert.equal(jsonTextDepth('1'), 0);
    assert.equal(jsonTextDepth('{}'), 1);
    assert.equal(jsonTextDepth('{"a":[1,{"b":[]}]}'), 4);
    assert.equal(jsonTextDepth('{"a":"[[[[{{{{","b":"\\\\\\"[["}'), 1);
    assert.equal(jsonTextDepth('[[],[[]],[]]'), 3);
  });

  it('reads 1,000,000 levels in one pass without recursion, and stops early when asked', () => {
    const text = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    assert.equal(jsonTextDepth(text), 1_000_000);
    assert.equal(jsonTextDepth(text, 64), 65);
    assert.equal(isTooDeep(text), true);
  });

  it('puts the limit between the deepest accepted document and the first refused one', () => {
    const at = (depth: number): string => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
    assert.equal(jsonTextDepth(at(JSON_DEPTH_LIMIT)), JSON_DEPTH_LIMIT);
    assert.equal(isTooDeep(at(JSON_DEPTH_LIMIT)), false);
    assert.equal(isTooDeep(at(JSON_DEPTH_LIMIT + 1)), true);
    assert.match(tooDeepMessage(at(10_000)), /^JSON nested 10,000 levels deep, deeper than the 64 levels the harness reads \(DPS's own limit is UNCONFIRMED/);
  });
});

describe('valueDepth', () => {
  it('measures a parsed value without recursion, and ends on a value that contains itself', () => {
    assert.equal(valueDepth(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), Number.POSITIVE_INFINITY), 100_000);
    assert.equal(valueDepth({ a: [1, { b: null }] }), 3);
    const loop: Record<string, unknown> = {};
    loop['self'] = loop;
    assert.equal(valueDepth(loop, 10), 11);
  });
});
