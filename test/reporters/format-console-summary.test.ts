/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import assert from 'node:assert/strict';
import { formatConsoleSummary, formatResultLine } from '../../src/report/format/format-console-summary.js';
import { mixedResults, result, runInfo } from './sample-results.js';

describe('formatConsoleSummary', () => {
  it('prints a plain table and the verdict, with no ANSI codes unless asked', () => {
    const text = formatConsoleSummary(mixedResults(), runInfo);
    assert.doesNotMatch(text, /\u001b/);
    // a waived result has a column of its own, never among the failed
    assert.match(text, /^implementation\s+transport\s+dialect\s+passed\s+failed\s+errored\s+waived\s+skipped$/m);
    assert.match(text, /^azure-iot-provisioning-device@1\.9\.1\s+https\s+ga\s+1\s+0\s+1\s+1\s+0$/m);
    assert.match(text, /FAIL: 2 blocking \(MUST failed or errored\) · 6 results: 1 passed, 2 failed, 1 errored, 1 waived, 1 skipped$/m);
    assert.match(formatConsoleSummary(mixedResults(), runInfo, { color: true }), /\u001b\[31m/);
  });

  it('says when the run was incomplete', () => {
    assert.match(formatConsoleSummary([result()], { ...runInfo, incomplete: true, incompleteReason: 'interrupted' }), /incomplete run \(interrupted\)/);
  });

  it('shows one line per result with terminal escapes neutralised', () => {
    const line = formatResultLine(result({ outcome: 'failed', message: 'bad \u001b[2Jcleared\nnext' }));
    assert.match(line, /^FAILED {2}MUST {3}device\.returnData\.fidelity \[nested-object\]/);
    assert.doesNotMatch(line, /\u001b|\n/);
    assert.match(line, /\\u001b\[2Jcleared ↵ next/);
  });
});
