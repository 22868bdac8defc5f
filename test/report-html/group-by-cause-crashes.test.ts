import assert from 'node:assert/strict';
import { crashLine } from '../../src/report/format/crash-line.js';
import { failureCauses } from '../../src/report/format/group-by-cause.js';
import { messageShape } from '../../src/report/format/message-shape.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { ONE_FAILURE } from './fake-results.js';
import { CASES, CRASH_LINE, DEVICE_CHECK_IDS, MQTT_CRASH_STDERR, fiveImplementations } from './five-implementations.js';

const base: CheckResult = { ...ONE_FAILURE, message: 'expected returnData of nested-object unchanged, got 2 members changed' };

describe('group by cause: crashes, shapes, the failure causes', () => {
  it('quotes a crash by its error line and first source location', () => {
    assert.equal(crashLine({ adapter: { stderrTail: MQTT_CRASH_STDERR } }), CRASH_LINE);
    assert.equal(crashLine({ stderr: 'Traceback (most recent call last):\n  File "adapter.py", line 12, in <module>\nModuleNotFoundError: No module named \'azure\'' }),
      "ModuleNotFoundError: No module named 'azure' (adapter.py:12)");
    assert.equal(crashLine({ stderr: 'just a log line' }), 'just a log line');
    assert.equal(crashLine({ stderr: '' }), undefined);
    assert.equal(crashLine('not evidence'), undefined);
  });

  it('takes the case id, numbers and quoted values out of a message shape', () => {
    assert.equal(messageShape(base.message, base.caseId), 'expected returnData of {case} unchanged, got N members changed');
    assert.equal(messageShape('got "abc" after 6100 ms'), 'got "…" after {duration}');
  });

  it('makes the same check with the same message shape one cause, over cases, transports and dialects', () => {
    const results: CheckResult[] = [
      base,
      { ...base, caseId: 'no-data', message: 'expected returnData of no-data unchanged, got 3 members changed', transport: 'mqtt', dialect: 'preview' },
      { ...base, message: 'expected a string, got an object' },
      { ...base, checkId: 'device.result.status' },
      { ...base, outcome: 'passed' },
      { ...base, outcome: 'skipped' },
    ];
    const groups = failureCauses(results);
    assert.equal(groups.length, 3);
    const [first] = groups;
    assert.ok(first);
    assert.deepEqual(first.affected.map((a) => [a.caseId, a.transport, a.dialect]), [['nested-object', 'https', 'ga'], ['no-data', 'mqtt', 'preview']]);
    assert.equal(first.firstResult, base);
    assert.equal(first.blocking, 2);
  });

  it('makes the crash of one transport one cause across every check and case', () => {
    const results = fiveImplementations();
    const groups = failureCauses(results);
    const crash = groups.filter((g) => g.crash === CRASH_LINE);
    assert.equal(crash.length, 1);
    assert.equal(crash[0]?.count, DEVICE_CHECK_IDS.length * CASES.length);
    assert.deepEqual(crash[0]?.affected.map((a) => a.caseId), CASES, 'each case listed once');
    assert.equal(crash[0]?.affected[0]?.checkIds.length, DEVICE_CHECK_IDS.length, 'with every check it hit there');
    assert.equal(crash[0]?.checkIds.length, DEVICE_CHECK_IDS.length);
    assert.equal(crash[0]?.level, 'MUST', 'a crash that hit a MUST check is MUST');
    assert.equal(groups.length, 4);
  });

  it('makes crashes that differ only in a number one cause (a JSON position, a line of data)', () => {
    const errored = (stderr: string, caseId: string): CheckResult => ({ ...base, caseId, outcome: 'errored', message: 'no usable adapter reply', evidence: { adapter: { fault: { kind: 'crash', message: 'the adapter exited with status 1' }, stderrTail: stderr } } });
    const groups = failureCauses([errored('SyntaxError: Bad control character in JSON at position 514\n at mqtt.js:47', 'a'), errored('SyntaxError: Bad control character in JSON at position 695\n at mqtt.js:47', 'b')]);
    assert.equal(groups.length, 1);
    assert.equal(groups[0]?.crash, 'SyntaxError: Bad control character in JSON at position 514 (mqtt.js:47)', 'the first one is quoted as it was');
  });

  it('quotes no log line for an errored result whose adapter did not crash (an adapter.stop or adapter.protocol error)', () => {
    const errored = (stderr: string): CheckResult => ({ ...base, checkId: 'adapter.stop', outcome: 'errored', message: 'the adapter did not exit within 5000 ms of stop', evidence: { adapter: { stderrTail: stderr } } });
    const [logOnly] = failureCauses([errored('[azure-iot-java-sdk] register dpsc-data-flat-mqtt-ga-v over mqtt via 127.0.0.2\n')]);
    assert.equal(logOnly?.crash, undefined, 'an ordinary log line explains nothing');
    const [withError] = failureCauses([errored('[azure-iot-java-sdk] closing\njava.lang.IllegalStateException: client already closed\n')]);
    assert.equal(withError?.crash, 'java.lang.IllegalStateException: client already closed');
  });

  it('keeps two different crashes apart', () => {
    const errored = (stderr: string): CheckResult => ({ ...base, outcome: 'errored', message: 'no usable adapter reply: the adapter exited with status 1', evidence: { adapter: { fault: { kind: 'crash', message: 'the adapter exited with status 1' }, stderrTail: stderr } } });
    const groups = failureCauses([errored('TypeError: x is undefined\n at a.js:1'), errored('TypeError: x is undefined\n at a.js:1'), errored('RangeError: too deep\n at b.js:9')]);
    assert.deepEqual(groups.map((g) => g.count), [2, 1]);
  });
});
