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

  it('never cuts an implementation\'s name inside a word, and gives every long or coordinate-hiding name whole under the table', () => {
    const names = [
      { name: 'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client', version: '2.1.3' },
      { name: 'com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client', version: '2.2.0', displayName: 'Azure IoT Java SDK' },
      { name: 'acme-industrial-gateway-firmware-for-the-northern-plant-line-seven', version: '4.2.0' },
      { name: 'averyveryveryveryveryveryveryveryveryveryveryverylongnamewithoutanyboundary', version: '1.0.0' },
    ];
    const text = formatConsoleSummary(names.map((implementation) => result({ implementation })), runInfo);
    const [table, legend = ''] = text.split('\n\n');
    const shown = (table ?? '').split('\n').slice(1).map((line) => line.split(/\s{2,}/)[0] ?? '');
    const whole = names.map((n) => `${n.displayName ? `${n.displayName} ${n.version}` : `${n.name}@${n.version}`}`);
    shown.forEach((cell, i) => {
      const full = whole[i] ?? '';
      if (cell === full) return;
      assert.ok(cell.endsWith('…'), cell);
      const kept = cell.slice(0, -1);
      assert.ok(full.startsWith(kept) && /[ .:/@-]/.test(full[kept.length] ?? ''), `${cell} is cut at a word boundary of ${full}`);
      assert.ok(legend.includes(full), `${full} is given whole under the table`);
    });
    assert.equal(shown[0], 'com.microsoft.azure.sdk.iot.provisioning…');
    assert.equal(shown[3], whole[3], 'a name with no boundary is kept whole, never cut mid-word');
    assert.ok(legend.includes('Azure IoT Java SDK 2.2.0 = com.microsoft.azure.sdk.iot.provisioning:provisioning-device-client@2.2.0'), legend);
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
