import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { KnownSecretMatcher } from '../../src/results/known-secret-matcher.js';

/** A small seeded generator, so a failure names the seed that shows it. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A matcher that already knows `decoys` other secrets: 0 takes the one-by-one search, 100 the rolling hash. */
function matcherWith(decoys: number): KnownSecretMatcher {
  const matcher = new KnownSecretMatcher();
  for (let i = 0; i < decoys; i += 1) matcher.add(`decoy-${i}-${randomBytes(24).toString('base64')}`);
  return matcher;
}

for (const [label, decoys] of [['few secrets: one by one', 0], ['many secrets: rolling hash', 100]] as const) {
  describe(`KnownSecretMatcher with ${label}`, () => {
    it('replaces a secret at the start, the end, twice in a row and in a text exactly its length', () => {
      const matcher = matcherWith(decoys);
      const key = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg==';
      matcher.add(key);
      assert.equal(matcher.replaceAll(`${key} mid ${key}${key}`, '#'), '# mid ##');
      assert.equal(matcher.replaceAll(key, '#'), '#');
      assert.equal(matcher.replaceAll(`x${key}`, '#'), 'x#');
      assert.equal(matcher.replaceAll(key.slice(0, -1), '#'), key.slice(0, -1));
    });

    it('prefers the longest secret that matches at a place, and finds short secrets too', () => {
      const matcher = matcherWith(decoys);
      matcher.add('abcdefghijklmnop');
      matcher.add('abcdefghijklmnopqrstuvwxyz');
      matcher.add('pw42');
      assert.equal(matcher.replaceAll('<abcdefghijklmnopqrstuvwxyz|abcdefghijklmnop|pw42>', '#'), '<#|#|#>');
    });

    it('handles characters outside ASCII around a secret', () => {
      const matcher = matcherWith(decoys);
      const key = 'K3y-with-ascii-only-0123456789';
      matcher.add(key);
      assert.equal(matcher.replaceAll(`Café ${key} 東京 😀${key}`, '#'), 'Café # 東京 😀#');
    });
  });
}

describe('KnownSecretMatcher', () => {
  it('leaves a text without secrets as the same string', () => {
    const matcher = new KnownSecretMatcher();
    matcher.add(randomBytes(32).toString('base64'));
    const text = 'nothing secret here, just a long enough sentence';
    assert.equal(matcher.replaceAll(text, '#'), text);
  });

  it('finds exactly what a search for each secret finds, among thousands of secrets (seeded texts)', () => {
    for (const seed of [1, 2, 3, 42]) {
      const random = seeded(seed);
      const matcher = new KnownSecretMatcher();
      const secrets = Array.from({ length: 3000 }, (_, i) => `${i.toString(36)}${randomBytes(30).toString('base64')}`);
      for (const secret of secrets) matcher.add(secret);
      const pieces: string[] = [];
      const planted: string[] = [];
      for (let i = 0; i < 200; i += 1) {
        if (random() < 0.2) {
          const secret = secrets[Math.floor(random() * secrets.length)] ?? '';
          planted.push(secret);
          pieces.push(secret);
        } else pieces.push(randomBytes(1 + Math.floor(random() * 40)).toString('base64'));
      }
      const out = matcher.replaceAll(pieces.join(' '), '[R]');
      for (const secret of planted) assert.ok(!out.includes(secret), `seed ${seed}: a planted secret survived`);
      assert.equal(out.split('[R]').length - 1, planted.length, `seed ${seed}: one replacement per planted secret`);
    }
  });

});
