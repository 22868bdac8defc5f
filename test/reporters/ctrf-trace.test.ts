import assert from 'node:assert/strict';
import { formatCtrf } from '../../src/report/format/format-ctrf.js';
import { unpackStore } from '../../src/report/format/parse-ctrf.js';
import { fakeRunInfo } from '../report-html/fake-results.js';
import { CRASH_LINE, MQTT_CRASH_STDERR, fiveImplementations } from '../report-html/five-implementations.js';
import { result, runInfo } from './sample-results.js';

describe('CTRF trace', () => {
  it("carries the crash line of an errored result and names the evidence that holds the adapter's stack", () => {
    const document = formatCtrf(fiveImplementations(), fakeRunInfo);
    const tests = document.results.tests;
    const crashed = tests.filter((t) => t.rawStatus === 'errored');
    assert.ok(crashed.length > 0);
    // the store as a reader gets it: long texts back in place, bodies unpacked (the layout of docs/contract/reports.md)
    const evidence = unpackStore(document.results.extra.evidence, document.results.extra.sharedValues, { add: (path, message) => assert.fail(`${path}: ${message}`) });
    for (const test of crashed) {
      assert.ok(test.trace?.startsWith(`${CRASH_LINE}\ncrash: the adapter exited with status 1`), test.trace);
      // the whole stack is in the evidence the trace names, stored once for every result that cites it
      const id = /evidence (e\d+)$/.exec(test.trace ?? '')?.[1] ?? '';
      assert.equal(test.extra?.['evidence'], id);
      assert.ok(JSON.stringify(evidence[id]).includes(JSON.stringify(MQTT_CRASH_STDERR).slice(1, -1)), 'the whole stack');
    }
    assert.ok(tests.filter((t) => t.status === 'passed').every((t) => t.trace === undefined), 'a passed test has no trace');
  });

  it('quotes no ordinary log line of the stderr as the trace of a failure, only an error line, and keeps the stderr in the evidence', () => {
    const logOnly = 'SLF4J: Failed to load class "org.slf4j.impl.StaticLoggerBinder".\n[azure-iot-java-sdk] register dpsc-x over mqtt via 127.0.0.2:1883\n';
    const failed = (stderrTail: string, caseId: string) => result({ outcome: 'failed', caseId, message: 'expected returnData/flag "x", got "y"', evidence: { adapter: { stderrTail } } });
    const document = formatCtrf([failed(logOnly, 'a'), failed(MQTT_CRASH_STDERR, 'b')], runInfo);
    const [quiet, crashed] = document.results.tests;
    assert.equal(quiet?.trace, undefined, 'a log line explains no failure');
    const evidence = document.results.extra.evidence;
    assert.ok(JSON.stringify(evidence[String(quiet?.extra?.['evidence'])]).includes('StaticLoggerBinder'), 'the stderr is still in the evidence');
    assert.ok(crashed?.trace?.startsWith(CRASH_LINE), crashed?.trace);
    assert.match(crashed?.trace ?? '', /\nstderr and the whole exchange: evidence e2$/);
  });
});
