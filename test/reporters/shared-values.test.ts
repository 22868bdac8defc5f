import assert from 'node:assert/strict';
import { restoreSharedValues, shareRepeatedValues } from '../../src/report/format/shared-values.js';

describe('shared values (ctrf.json keeps a long value the evidence repeats once)', () => {
  const long = 'x'.repeat(300);

  it('shares the largest repeated value, leaves values said once where they are, and restores every piece exactly', () => {
    const twin = { tags: { allocatedBy: 'reference-webhook', note: long }, properties: { desired: { hub: 'dpsc-hub-1' } } };
    const pieces: Array<[string, unknown]> = [
      ['e1', { a: { id: 1, twin: structuredClone(twin) }, b: long, c: 'short' }],
      ['e2', { a: { id: 2, twin: structuredClone(twin) }, once: 'y'.repeat(300) }],
    ];
    const { pieces: stored, sharedValues } = shareRepeatedValues(pieces);
    // the twin is shared whole (its long note inside it is not shared on its own); the note's third place, b, stays itself
    assert.deepEqual(Object.values(sharedValues).map((v) => v.at), [{ e1: [['a', 'twin']], e2: [['a', 'twin']] }]);
    assert.deepEqual(stored[0]?.[1], { a: { id: 1, twin: '[sharedValues.v1]' }, b: long, c: 'short' });
    assert.deepEqual(stored[1]?.[1], { a: { id: 2, twin: '[sharedValues.v1]' }, once: 'y'.repeat(300) });
    assert.deepEqual(pieces[0]?.[1], { a: { id: 1, twin }, b: long, c: 'short' }, 'the pieces given are not changed');
    const { store, problems } = restoreSharedValues(Object.fromEntries(stored), JSON.parse(JSON.stringify(sharedValues)) as unknown);
    assert.deepEqual(problems, []);
    assert.deepEqual(store, Object.fromEntries(pieces));
  });

  it('never takes a string of the data that looks like a placeholder for one: only the paths say where a value goes', () => {
    const pieces: Array<[string, unknown]> = [['e1', { a: long, note: '[sharedValues.v1]' }], ['e2', { a: long }]];
    const { pieces: stored, sharedValues } = shareRepeatedValues(pieces);
    const { store } = restoreSharedValues(Object.fromEntries(stored), sharedValues);
    assert.deepEqual(store, Object.fromEntries(pieces));
  });

  it('names a path that does not lead to its placeholder', () => {
    const { problems } = restoreSharedValues({ e1: { a: 'other' } }, { v1: { value: long, at: { e1: [['a']], e9: [['a']] } } });
    assert.deepEqual(problems, ['v1: e1 ["a"] does not hold [sharedValues.v1]', 'v1: e9 ["a"] does not hold [sharedValues.v1]']);
  });
});
