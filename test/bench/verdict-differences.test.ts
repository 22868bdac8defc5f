import assert from 'node:assert/strict';
import { compareVerdicts, describeDifferences, type Verdicts } from '../../bench/verdict-differences.js';

const run = (entries: Record<string, string>): Verdicts => new Map(Object.entries(entries));

describe('bench: comparing the verdicts of several runs', () => {
  it('counts results whose outcome is not the same in every run, and results missing from a run', () => {
    const comparison = compareVerdicts([
      run({ a: 'passed', b: 'failed', c: 'passed' }),
      run({ a: 'passed', b: 'passed', c: 'passed', d: 'passed' }),
      run({ a: 'passed', b: 'failed', c: 'passed' }),
    ]);
    assert.equal(comparison.compared, 3);
    assert.deepEqual(comparison.differing, [{ key: 'b', outcomes: ['failed', 'passed', 'failed'] }]);
    assert.equal(comparison.unmatched, 1);
    assert.equal(describeDifferences(comparison), '1 of 3 differ: b (failed, passed, failed); 1 result(s) missing from some run');
  });

  it('finds nothing to report when every run agrees', () => {
    const same = run({ a: 'passed', b: 'skipped' });
    assert.equal(describeDifferences(compareVerdicts([same, new Map(same)])), '0 of 2 differ');
  });
});
