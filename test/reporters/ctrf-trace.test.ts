import assert from 'node:assert/strict';
import { formatCtrf } from '../../src/report/format/format-ctrf.js';
import { fakeRunInfo } from '../report-html/fake-results.js';
import { CRASH_LINE, MQTT_CRASH_STDERR, fiveImplementations } from '../report-html/five-implementations.js';

describe('CTRF trace', () => {
  it('carries the crash line and the adapter stack of an errored result, so CTRF tools show the cause', () => {
    const tests = formatCtrf(fiveImplementations(), fakeRunInfo).results.tests;
    const crashed = tests.filter((t) => t.rawStatus === 'errored');
    assert.ok(crashed.length > 0);
    for (const test of crashed) {
      assert.ok(test.trace?.startsWith(`${CRASH_LINE}\n\ncrash: the adapter exited with status 1`), test.trace);
      assert.ok(test.trace?.includes(MQTT_CRASH_STDERR), 'the whole stack');
    }
    assert.ok(tests.filter((t) => t.status === 'passed').every((t) => t.trace === undefined), 'a passed test has no trace');
  });
});
