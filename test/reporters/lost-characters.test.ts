import assert from 'node:assert/strict';
import { formatHtml } from '../../src/report/format/format-html.js';
import { lostCharacters } from '../../src/report/format/lost-characters.js';
import { result, runInfo } from './sample-results.js';

describe('characters lost on the way, by code point', () => {
  it('names what was lost and the U+FFFD that came instead, at its path', () => {
    const lost = lostCharacters({ emoji: '🌡️', flag: '🇫🇷', deep: [{ s: 'à́' }] }, { emoji: '🌡️', flag: '🇫\uFFFD\uFFFD', deep: [{ s: 'a\uFFFD' }] });
    assert.deepEqual(lost.map((l) => l.path), ['/flag', '/deep/0/s']);
    assert.equal(lost[0]?.summary, 'U+1F1F7 (🇷) was lost: U+FFFD U+FFFD came instead (2 × U+FFFD, the replacement character, where bytes could not be decoded as UTF-8)');
    assert.equal(lost[0]?.expected, 'U+1F1EB (🇫) U+1F1F7 (🇷)');
    assert.equal(lost[0]?.actual, 'U+1F1EB (🇫) U+FFFD U+FFFD');
    assert.match(lost[1]?.summary ?? '', /^U\+00E0 \(à\) U\+0301 \(́\) were lost: U\+0061 \(a\) U\+FFFD came instead/);
  });

  it('finds nothing where no U+FFFD came, and in a plain string value too', () => {
    assert.deepEqual(lostCharacters({ a: 'x' }, { a: 'y' }), []);
    assert.deepEqual(lostCharacters('café', 'caf\uFFFD').map((l) => [l.path, l.summary.slice(0, 22)]), [['', 'U+00E9 (é) was lost: U']]);
  });

  it('walks deep values without recursion limits failing it, and stops at 20 findings', () => {
    let expected: unknown = 'é';
    let actual: unknown = '\uFFFD';
    for (let i = 0; i < 10_000; i += 1) {
      expected = [expected];
      actual = [actual];
    }
    assert.deepEqual(lostCharacters(expected, actual), [], 'deeper than the limit: not followed, no crash');
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'é']));
    const got = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, '\uFFFD']));
    assert.equal(lostCharacters(many, got).length, 20);
  });

  it('shows them in report.html beside expected and actual, instead of mojibake alone', () => {
    const html = formatHtml([result({ checkId: 'device.returnData.fragmented', outcome: 'failed', message: 'expected returnData/flag "🇫🇷", got "🇫\uFFFD\uFFFD"', expected: { flag: '🇫🇷' }, actual: { flag: '🇫\uFFFD\uFFFD' } })], runInfo);
    assert.match(html, /<h5>characters lost, by code point<\/h5>/);
    assert.match(html, /<td><code>\/flag<\/code><\/td><td>U\+1F1EB \(🇫\) U\+1F1F7 \(🇷\)<\/td><td>U\+1F1EB \(🇫\) U\+FFFD U\+FFFD<\/td>/);
  });
});
