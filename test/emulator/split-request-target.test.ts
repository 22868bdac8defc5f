import assert from 'node:assert/strict';
import fc from 'fast-check';
import { splitRequestTarget } from '../../src/emulator/https/split-request-target.js';

type Reading = { pathname: string; search: string; apiVersion: string | null } | { error: string };

function viaUrl(target: string): Reading {
  try {
    const url = new URL(target, 'https://emulator.invalid');
    return { pathname: url.pathname, search: url.search, apiVersion: url.searchParams.get('api-version') };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function split(target: string): Reading {
  try {
    const parts = splitRequestTarget(target);
    return { pathname: parts.pathname, search: parts.search, apiVersion: parts.query.get('api-version') };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe('splitRequestTarget', () => {
  it('reads targets as new URL does', () => {
    for (const target of [
      '/0ne00000001/registrations/dev-1/register?api-version=2019-03-31',
      '/0ne00000001/registrations/dev-1/operations/4.0123456789abcdef.0c1d?api-version=2021-06-01',
      '/0ne00000001/registrations/dev-1',
      '/x?',
      '/x?api-version',
      '/x?api-version=%20&a=b+c',
      '/a/../b?api-version=1',
      '/a/%2e%2e/b',
      '//host/path?api-version=1',
      '/a b/"c"?q=\'x\'',
      '/dev-é?api-version=1',
      '/a\\b',
      '/a#frag?x=1',
      '/',
    ]) {
      assert.deepEqual(split(target), viaUrl(target), target);
    }
  });

  it('agrees with new URL on generated targets', () => {
    const char = fc.constantFrom(...'abcAZ09-._~!$&()*+,;=:@/%?#\' "\\<>{}|^`é'.split(''));
    const target = fc.array(char, { maxLength: 40 }).map((cs) => `/${cs.join('')}`);
    fc.assert(
      fc.property(target, (t) => {
        assert.deepEqual(split(t), viaUrl(t), t);
      }),
      { seed: 20240611, numRuns: 2000 },
    );
  });
});
