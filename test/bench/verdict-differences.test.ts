import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareVerdicts, countOutcomes, describeDifferences, readVerdicts, type Verdicts } from '../../bench/verdict-differences.js';
import { ctrfText } from '../../src/report/format/ctrf-text.js';
import { result, runInfo } from '../reporters/sample-results.js';

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

  describe('reading a run from its ctrf.json', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'dpsc-verdicts-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('keys each result by implementation, transport, dialect, case and check, numbering a case judged twice by one check', async () => {
      const results = [
        result({ checkId: 'device.polling.retryAfter', caseId: 'device-retry-after', level: 'SHOULD', outcome: 'failed' }),
        result({ caseId: 'nested-object', transport: 'mqtt' }),
        result({ caseId: 'nested-object', transport: 'mqtt', outcome: 'skipped', blockedBy: 'device.data.sent' }),
      ];
      await writeFile(join(dir, 'ctrf.json'), ctrfText(results, runInfo));
      const verdicts = await readVerdicts(dir);
      assert.deepEqual([...verdicts], [
        ['azure-iot-provisioning-device https ga device-retry-after device.polling.retryAfter', 'failed'],
        ['azure-iot-provisioning-device mqtt ga nested-object device.returnData.fidelity', 'passed'],
        ['azure-iot-provisioning-device mqtt ga nested-object device.returnData.fidelity #2', 'skipped'],
      ]);
      assert.equal(countOutcomes(verdicts), '1 failed, 1 passed, 1 skipped');
    });

    it('reads a run that wrote no report as no results, which every comparison then counts as missing', async () => {
      const none = await readVerdicts(dir);
      assert.equal(none.size, 0);
      assert.equal(countOutcomes(none), 'no results');
      const comparison = compareVerdicts([run({ a: 'passed' }), none]);
      assert.deepEqual(comparison, { compared: 0, differing: [], unmatched: 1 });
    });
  });

  it('counts outcomes most frequent first', () => {
    assert.equal(countOutcomes(run({ a: 'passed', b: 'skipped', c: 'passed', d: 'failed', e: 'passed', f: 'skipped' })), '3 passed, 2 skipped, 1 failed');
  });
});
