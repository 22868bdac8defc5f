import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { schema } from 'ctrf';
import { formatCtrf } from '../../src/report/format/format-ctrf.js';
import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import { ctrfText } from '../../src/report/format/ctrf-text.js';
import { isHarnessError } from '../../src/errors/harness-error.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { mixedResults, result, runInfo } from './sample-results.js';
import { verdictOf } from '../../src/report/format/verdict.js';
import { stringifyJson } from '../../src/json/stringify-json.js';

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateCtrf = ajv.compile(schema);

describe('formatCtrf', () => {
  it('writes a document that validates against the CTRF schema of the ctrf package', () => {
    const document = JSON.parse(JSON.stringify(formatCtrf(mixedResults(), runInfo))) as unknown;
    assert.equal(validateCtrf(document), true, JSON.stringify(validateCtrf.errors));
  });

  it('validates with no results and an unparseable start time', () => {
    const document = formatCtrf([], { ...runInfo, startedAt: '', finishedAt: 'never' });
    assert.equal(validateCtrf(JSON.parse(JSON.stringify(document))), true, JSON.stringify(validateCtrf.errors));
  });

  it('maps errored to failed with rawStatus errored, a waived result to other (never a failure), and names each test checkId [caseId] in its suite', () => {
    const document = formatCtrf(mixedResults(), runInfo);
    const errored = document.results.tests.find((t) => t.rawStatus === 'errored');
    assert.equal(errored?.status, 'failed');
    assert.equal(errored?.name, 'device.register.timeout [nested-object]');
    assert.deepEqual(errored?.suite, ['azure-iot-provisioning-device@1.9.1', 'https', 'ga']);
    assert.deepEqual(errored?.tags, ['MUST']);
    assert.deepEqual(
      document.results.tests.map((t) => t.status),
      ['passed', 'failed', 'failed', 'failed', 'skipped', 'other'],
    );
    const waived = document.results.tests[5];
    assert.equal(waived?.rawStatus, 'failed');
    assert.deepEqual(waived?.tags, ['MUST', 'WAIVED']);
    assert.equal(document.results.summary.failed, 3);
    assert.equal(document.results.summary.other, 1);
    assert.equal(document.results.summary.stop - document.results.summary.start, 60_000);
    assert.deepEqual(document.results.extra?.runInfo, runInfo);
    assert.equal(document.results.tests[1]?.extra?.mismatch, 'schema-mismatch');
  });

  it('survives evidence that JSON cannot hold (cycles, BigInt) and still validates', () => {
    const evidence: Record<string, unknown> = { big: 10n };
    evidence.self = evidence;
    const document = formatCtrf([result({ outcome: 'errored', evidence })], runInfo);
    const text = stringifyJson(document);
    assert.match(text, /\[Circular\]/);
    assert.equal(validateCtrf(JSON.parse(text)), true);
  });

  it('writes a big integer of the evidence as its digits, a JSON number, and reads it back with every digit', () => {
    const evidence = { returnData: { next: 9007199254740993n, list: [-18446744073709551615n, 1] } };
    const text = ctrfText([result({ outcome: 'failed', evidence })], runInfo);
    assert.match(text, /"next": ?9007199254740993\b/);
    assert.match(text, /\[\s*-18446744073709551615,\s*1\s*\]/);
    assert.doesNotMatch(text, /"9007199254740993"|9007199254740993n/);
    const back = parseCtrf(text).results[0]?.evidence;
    assert.deepEqual(back, evidence);
  });
});

describe('ctrfText', () => {
  it("keeps a target's text that holds replacement patterns ($', $`, $&) as text: the file still parses", () => {
    const hostile = "hub $' then $` and $& end";
    const text = ctrfText([result({ message: hostile, actual: { hub: hostile } })], runInfo);
    const { results } = parseCtrf(text);
    assert.equal(results[0]?.message, hostile);
    assert.deepEqual(results[0]?.actual, { hub: hostile });
  });
});

describe('parseCtrf', () => {
  /** What ctrf.json keeps of a result: all of it but the check's own evaluation time (a test's duration is the exchange's). */
  const kept = (r: CheckResult): CheckResult => {
    const { durationMs: _durationMs, ...rest } = r;
    return rest;
  };

  it('reads back exactly what formatCtrf wrote (every CheckResult field, and the run info)', () => {
    const results = mixedResults();
    const parsed = parseCtrf(JSON.stringify(formatCtrf(results, runInfo)));
    assert.deepEqual(parsed.results, results.map(kept));
    assert.deepEqual(parsed.runInfo, runInfo);
  });

  it('stores a piece of evidence once, however many results cite it, and every result reads it back', () => {
    const transcript = { registrationId: 'dpsc-a', emulator: [{ kind: 'register', body: 'x'.repeat(5000) }] };
    const results = ['device.result.status', 'device.result.assignment', 'device.returnData.fidelity'].map((checkId) =>
      result({ checkId, outcome: 'failed', message: 'no', evidence: structuredClone(transcript), exchangeMs: 120 }));
    const other = result({ checkId: 'device.data.sent', caseId: 'b', outcome: 'failed', message: 'no', evidence: { registrationId: 'dpsc-b' } });
    const text = ctrfText([...results, other], runInfo);
    assert.equal(text.split('x'.repeat(5000)).length, 2, 'the transcript is in the file once');
    const document = JSON.parse(text) as { results: { tests: Array<{ extra?: Record<string, unknown> }>; extra: { evidence: Record<string, unknown> } } };
    assert.deepEqual(document.results.tests.map((t) => t.extra?.['evidence']), ['e1', 'e1', 'e1', 'e2']);
    assert.deepEqual(Object.keys(document.results.extra.evidence), ['e1', 'e2']);
    const parsed = parseCtrf(text).results;
    assert.deepEqual(parsed.map((r) => r.evidence), [transcript, transcript, transcript, { registrationId: 'dpsc-b' }]);
    assert.equal(parsed[0]?.evidence, parsed[1]?.evidence, 'read back as one object');
    assert.deepEqual(parsed.map((r) => r.exchangeMs), [120, 120, 120, undefined]);
  });

  it('reads a version 1 file, where each test kept every field in its extra', () => {
    const legacy = {
      reportFormat: 'CTRF', specVersion: '0.0.0',
      results: {
        tool: { name: 'dps-conformance' }, summary: { tests: 1, passed: 0, failed: 1, skipped: 0, pending: 0, other: 0, start: 0, stop: 0 },
        tests: [{ name: 'x', status: 'failed', duration: 3, message: 'no', extra: { checkId: 'device.a.b', level: 'MUST', outcome: 'errored', dialect: 'ga', transport: 'mqtt', caseId: 'c', implementation: { name: 'sdk', version: '1' }, evidence: { e: 1 }, durationMs: 3 } }],
        extra: { dpscExtraVersion: 1, runInfo },
      },
    };
    assert.deepEqual(parseCtrf(legacy).results, [{ checkId: 'device.a.b', level: 'MUST', outcome: 'errored', dialect: 'ga', transport: 'mqtt', caseId: 'c', implementation: { name: 'sdk', version: '1' }, message: 'no', evidence: { e: 1 }, durationMs: 3 }]);
  });

  it('keeps blockedBy of a result that was not reached, and counts it as skipped and not reached', () => {
    const blocked = result({ checkId: 'device.result.status', outcome: 'skipped', message: 'not reached: DPS refused the register request', blockedBy: 'device.request.body' });
    const document = formatCtrf([result(), blocked], runInfo);
    assert.equal(document.results.tests[1]?.status, 'skipped');
    assert.equal(document.results.tests[1]?.extra?.['blockedBy'], 'device.request.body');
    assert.equal((document.results.summary.extra as { notReached?: number } | undefined)?.notReached, 1);
    assert.deepEqual(parseCtrf(JSON.stringify(document)).results, [kept(result()), kept(blocked)]);
  });

  it('round-trips a minimal run info and a result without optional fields', () => {
    const minimal = { tool: runInfo.tool, command: 'webhook', suiteVersion: 's', startedAt: runInfo.startedAt };
    const bare = result();
    delete bare.durationMs;
    const parsed = parseCtrf(formatCtrf([bare], minimal));
    assert.deepEqual(parsed, { results: [bare], runInfo: minimal });
  });

  it('rejects a file that is not JSON, not CTRF, or not written by dps-conformance, naming what is wrong', () => {
    const problem = (input: unknown): string => {
      try {
        parseCtrf(input, 'x/ctrf.json');
      } catch (error) {
        assert.ok(isHarnessError(error));
        return error.message;
      }
      assert.fail('expected a harness error');
    };
    assert.match(problem('{nope'), /x\/ctrf.json is not valid JSON/);
    assert.match(problem({ reportFormat: 'JUnit' }), /reportFormat/);
    const foreign = { reportFormat: 'CTRF', specVersion: '0.0.0', results: { tests: [{ name: 't', status: 'passed', duration: 1 }] } };
    assert.match(problem(foreign), /runInfo: missing/);
    const broken = formatCtrf([result()], runInfo);
    const test = broken.results.tests[0];
    if (test) test.tags = ['MAY'];
    const message = problem(broken);
    assert.match(message, /\/results\/tests\/0\/tags\/0: expected one of \["MUST","SHOULD"\], got the string "MAY" \(dps-conformance layout 4\)/);
    assert.equal(message.split('\n').length, 2, `one problem, said once: ${message}`);
  });
});

describe('verdictOf', () => {
  it('counts results that were not reached apart from the skipped ones and the failures', () => {
    const blocked = result({ checkId: 'device.result.status', outcome: 'skipped', message: 'not reached', blockedBy: 'device.request.body' });
    const failed = result({ checkId: 'device.request.body', outcome: 'failed', message: 'refused' });
    const verdict = verdictOf([failed, blocked], runInfo);
    assert.equal(verdict.pass, false);
    assert.match(verdict.line, /1 failed, 0 errored, 0 skipped, 1 not reached$/);
  });
});

describe('ctrf.json layout 4: what is said once', () => {
  it("leaves out a passed test's message when it is its check's usual one for the transport and dialect, and reads it back", () => {
    const passed = (caseId: string, message: string, transport: 'mqtt' | 'https' = 'mqtt') => result({ checkId: 'device.result.status', caseId, message, transport });
    const results = [passed('a', 'status assigned'), passed('b', 'status assigned'), passed('c', 'status assigned twice'), passed('d', 'one of its kind', 'https'), passed('e', 'status assigned', 'https')];
    const document = formatCtrf(results, runInfo);
    assert.deepEqual(document.results.extra?.['passedMessages'], { 'device.result.status': { 'mqtt ga': 'status assigned' } });
    assert.deepEqual(document.results.tests.map((t) => t.message), [undefined, undefined, 'status assigned twice', 'one of its kind', 'status assigned']);
    assert.deepEqual(parseCtrf(JSON.stringify(document)).results.map((r) => r.message), results.map((r) => r.message));
    // a failed test always carries its message, and so does a passed one whose check has no usual message
    const failed = result({ checkId: 'device.result.status', caseId: 'f', outcome: 'failed', message: 'status assigned' });
    assert.equal(formatCtrf([...results, failed], runInfo).results.tests[5]?.message, 'status assigned');
    const broken = formatCtrf(results, runInfo);
    broken.results.extra = { ...broken.results.extra, passedMessages: {} };
    assert.throws(() => parseCtrf(broken), /\/results\/tests\/0: missing required member "message", and \/results\/extra\/passedMessages holds no usual message of device\.result\.status for "mqtt ga"/);
  });

  it('keeps a long value the evidence holds more than once a single time, at exact paths, and reads every piece back whole', () => {
    const blob = 'near-limit filler '.repeat(40);
    const evidence = (id: string) => ({ registrationId: id, adapter: { request: { registrationId: id, data: { blob } } }, emulator: [{ kind: 'allocation', registrationId: 'x', response: { body: { returnDataJson: JSON.stringify({ blob }) } } }] });
    const results = [result({ caseId: 'a', outcome: 'failed', evidence: evidence('dpsc-a') }), result({ caseId: 'b', outcome: 'failed', evidence: evidence('dpsc-b') })];
    const text = ctrfText(results, runInfo);
    assert.equal(text.split(blob).length - 1, 2, 'the blob once, and once inside its JSON text');
    const document = JSON.parse(text) as { results: { extra: { sharedValues: Record<string, { at: Record<string, unknown[]> }> } } };
    // the largest repeated value is shared (the adapter's request data, not the blob inside it)
    assert.deepEqual(document.results.extra.sharedValues['v1']?.at, { e1: [['adapter', 'request', 'data']], e2: [['adapter', 'request', 'data']] });
    assert.deepEqual(document.results.extra.sharedValues['v2']?.at, { e1: [['emulator']], e2: [['emulator']] });
    assert.deepEqual(parseCtrf(text).results.map((r) => r.evidence), [evidence('dpsc-a'), evidence('dpsc-b')]);
    assert.throws(() => parseCtrf(text.replace('"e2":[["adapter"', '"e2":[["emulator"')), /sharedValues: v1: e2 \["emulator"/);
  });

  it('reads a layout 3 file as its last writer wrote it (a baseline from before layout 4)', () => {
    const layout3 = {
      reportFormat: 'CTRF', specVersion: '0.0.0',
      results: {
        tool: { name: 'dps-conformance' }, summary: { tests: 2, passed: 1, failed: 1, skipped: 0, pending: 0, other: 0, start: 0, stop: 0 },
        tests: [
          { name: 'device.result.status [a]', status: 'passed', duration: 5, message: 'status assigned', suite: ['sdk 1', 'mqtt', 'ga'], tags: ['MUST'] },
          { name: 'device.data.sent [a]', status: 'failed', duration: 5, message: 'no', suite: ['sdk 1', 'mqtt', 'ga'], tags: ['MUST'], extra: { evidence: 'e1' } },
        ],
        extra: {
          dpscExtraVersion: 3, runInfo, implementations: { 'sdk 1': { name: 'sdk', version: '1' } },
          evidence: { e1: { registrationId: 'dpsc-a', emulator: [{ kind: 'register', registrationId: 'dpsc-a', request: { bodyText: '{"x":1}', bodyFromText: true } }] } },
        },
      },
    };
    const [passed, failed] = parseCtrf(layout3).results;
    assert.equal(passed?.message, 'status assigned');
    assert.deepEqual(failed?.evidence, { registrationId: 'dpsc-a', emulator: [{ kind: 'register', registrationId: 'dpsc-a', request: { bodyText: '{"x":1}', body: { x: 1 } } }] });
  });
});

describe('ctrf.json layout 4: the level of a passed test', () => {
  it("leaves out a passed test's tags when its level is its check's, keeps them on every other test, and reads the level back", () => {
    const results = [
      result({ checkId: 'device.result.status', caseId: 'a', level: 'MUST' }),
      result({ checkId: 'device.result.status', caseId: 'b', level: 'MUST', outcome: 'failed', message: 'no' }),
      result({ checkId: 'device.data.object', caseId: 'a', level: 'SHOULD' }),
      result({ checkId: 'device.data.object', caseId: 'b', level: 'SHOULD', outcome: 'skipped', message: 'not reached', blockedBy: 'device.request.body' }),
    ];
    const document = formatCtrf(results, runInfo);
    assert.deepEqual(document.results.extra?.['checkLevels'], { 'device.data.object': 'SHOULD', 'device.result.status': 'MUST' });
    assert.deepEqual(document.results.tests.map((t) => t.tags), [undefined, ['MUST'], undefined, ['SHOULD']]);
    assert.deepEqual(parseCtrf(JSON.stringify(document)).results.map((r) => r.level), ['MUST', 'MUST', 'SHOULD', 'SHOULD']);
  });
});
