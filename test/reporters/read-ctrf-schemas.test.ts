import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schema as ctrfPackageExport } from 'ctrf';
import { HarnessErrorCode, isHarnessError } from '../../src/errors/harness-error.js';
import { ctrfPackageSchema } from '../../src/schemas/ctrf-package-schema.js';
import { formatCtrf } from '../../src/report/format/format-ctrf.js';
import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import { repoRoot } from '../helpers/run-cli.js';
import { mixedResults, result, runInfo } from './sample-results.js';

/** The message of the harness error parseCtrf throws (exit status 2), or a failed test. */
function problemOf(input: unknown): string {
  try {
    parseCtrf(input, 'out/ctrf.json');
  } catch (error) {
    assert.ok(isHarnessError(error), String(error));
    assert.equal(error.code, HarnessErrorCode.INVALID_CONFIG, "a harness error of the input: exit status 2");
    return error.message;
  }
  assert.fail('expected a harness error');
}

/** A fresh document as formatCtrf writes it, to break one member of. */
type Loose = Record<string, unknown>;
const written = (): Loose & { results: Loose & { tests: Loose[]; extra: Loose; summary: Loose } } =>
  JSON.parse(JSON.stringify(formatCtrf(mixedResults(), runInfo))) as ReturnType<typeof written>;

describe('reading ctrf.json through the schema registry (ctrf/report + report/ctrf-layout-N)', () => {
  it('registers the schema the ctrf package exports, as the package exports it (less its draft-07 $schema)', () => {
    const { $schema: _draft, ...exported } = ctrfPackageExport as Record<string, unknown>;
    assert.deepEqual(ctrfPackageSchema(), exported);
  });

  it('reads a baseline written by main before the schemas (layout 3: waived, errored, not reached, shared evidence, a big integer)', () => {
    const text = readFileSync(join(repoRoot, 'test', 'fixtures', 'reports', 'ctrf-layout-3-main-3fac76b.json'), 'utf8');
    const { results, runInfo: info } = parseCtrf(text, 'baseline/ctrf.json');
    assert.equal(results.length, 9);
    assert.deepEqual(results.map((r) => r.outcome).sort(), ['errored', 'failed', 'failed', 'failed', 'failed', 'failed', 'passed', 'skipped', 'skipped']);
    assert.equal(results.filter((r) => r.waived !== undefined).length, 1);
    assert.equal(results.find((r) => r.caseId === 'blocked')?.blockedBy, 'device.request.body');
    const shared = results.filter((r) => r.caseId === 'shared');
    assert.equal(shared[0]?.evidence, shared[1]?.evidence, 'one piece of evidence, read back as one object');
    assert.deepEqual(info.phases, [{ name: 'device suite', startMs: 0, ms: 12.5 }]);
    assert.equal(info.waivers?.expired[0]?.checkId, 'device.a.b');
    assert.deepEqual(info.signature, { keyId: 'sha256:00', file: 'attestation.json' });
  });

  it('names the file, the JSON Pointer and what was expected for a member of the wrong type', () => {
    const document = written();
    const test = document.results.tests[1];
    assert.ok(test);
    test['duration'] = 'slow';
    const message = problemOf(document);
    assert.match(message, /^out\/ctrf\.json is not a valid file of its kind:/);
    assert.match(message, /\/results\/tests\/1\/duration: expected integer, got the string "slow" \(CTRF schema\)/);
    assert.equal(message.split('\n').length, 2, `said once, not again by the layout: ${message}`);
  });

  it('names a member that is an integer beyond 2^53 where CTRF wants a number (read with every digit: a bigint)', () => {
    const text = JSON.stringify(written()).replace(/"duration":\d+/, '"duration":123456789012345678901234567890');
    assert.match(problemOf(text), /\/results\/summary\/duration: expected integer, got the integer 123456789012345678901234567890 \(CTRF schema\)/);
  });

  it('names a missing required member of CTRF itself and of the dps-conformance layout', () => {
    const document = written();
    delete document.results.summary['passed'];
    assert.match(problemOf(document), /\/results\/summary: missing required member "passed" \(CTRF schema\)/);
    const noMessage = written();
    delete noMessage.results.tests[0]?.['message'];
    assert.match(problemOf(noMessage), /\/results\/tests\/0: missing required member "message", and \/results\/extra\/passedMessages holds no usual message of device\.returnData\.fidelity for "https ga"/);
    const noRunInfo = written();
    delete noRunInfo.results.extra['runInfo'];
    assert.match(problemOf(noRunInfo), /\/results\/extra: missing required member "runInfo" \(dps-conformance layout 4\)/);
  });

  it('says a CTRF file from another tool was not written by dps-conformance', () => {
    const foreign = {
      reportFormat: 'CTRF', specVersion: '0.0.0',
      results: { tool: { name: 'jest' }, summary: { tests: 1, passed: 1, failed: 0, skipped: 0, pending: 0, other: 0, start: 0, stop: 1 }, tests: [{ name: 't', status: 'passed', duration: 1 }] },
    };
    assert.match(problemOf(foreign), /\/results\/extra\/runInfo: missing: this CTRF file was not written by dps-conformance/);
  });

  it('refuses a document that is not CTRF at all, and one of an unknown or newer layout, saying which', () => {
    assert.match(problemOf([1, 2]), /\(document\): not a CTRF report/);
    assert.match(problemOf({ reportFormat: 'JUnit' }), /\/reportFormat: expected "CTRF", got the string "JUnit" \(CTRF schema\)/);
    const newer = written();
    newer.results.extra['dpscExtraVersion'] = 99;
    assert.match(problemOf(newer), /\/results\/extra\/dpscExtraVersion: is 99; this dps-conformance reads layouts 1 to 4 \(a newer dps-conformance wrote it: upgrade\)/);
    const unknown = written();
    unknown.results.extra['dpscExtraVersion'] = 'three';
    assert.match(problemOf(unknown), /\/results\/extra\/dpscExtraVersion: expected a layout number from 1 to 4, got "three"/);
  });

  it('reads a layout 4 passed test without a message as its check\'s usual one, and names a test that has neither', () => {
    const passed = ['a', 'b', 'c'].map((caseId) => result({ caseId, message: 'returnData arrived unchanged' }));
    const document = JSON.parse(JSON.stringify(formatCtrf([...passed, result({ caseId: 'd', message: 'its own words' })], runInfo))) as ReturnType<typeof written>;
    assert.equal(document.results.extra['dpscExtraVersion'], 4);
    assert.deepEqual(document.results.tests.map((t) => t['message']), [undefined, undefined, undefined, 'its own words']);
    assert.deepEqual(parseCtrf(document).results.map((r) => r.message), ['returnData arrived unchanged', 'returnData arrived unchanged', 'returnData arrived unchanged', 'its own words']);
    const failed = document.results.tests[1];
    assert.ok(failed);
    failed['status'] = 'failed';
    assert.match(problemOf(document), /\/results\/tests\/1: missing required member "message" \(only a passed test may leave it out\)/);
    const other = JSON.parse(JSON.stringify(document)) as ReturnType<typeof written>;
    other.results.extra['passedMessages'] = { 'device.returnData.fidelity': { 'https ga': 7 } };
    assert.match(problemOf(other), /\/results\/extra\/passedMessages\/device\.returnData\.fidelity\/https ga: expected string, got number 7 \(dps-conformance layout 4\)/);
  });

  it('names a reference the schema cannot check: a suite label or an evidence id that names nothing', () => {
    const document = written();
    const test = document.results.tests[0];
    assert.ok(test);
    test['suite'] = ['nobody', 'https', 'ga'];
    test['extra'] = { evidence: 'e404' };
    const message = problemOf(document);
    assert.match(message, /\/results\/tests\/0\/suite\/0: "nobody" names no implementation of \/results\/extra\/implementations/);
    assert.match(message, /\/results\/tests\/0\/extra\/evidence: "e404" names no piece of \/results\/extra\/evidence/);
  });

  it('lists at most 20 problems of a file broken everywhere, and how many more', () => {
    const document = formatCtrf(Array.from({ length: 30 }, (_, i) => result({ caseId: `c${i}` })), runInfo);
    for (const test of document.results.tests) test.tags = ['MAY'];
    const lines = problemOf(JSON.parse(JSON.stringify(document))).split('\n');
    assert.equal(lines.length, 22);
    assert.equal(lines[21], '  - ... and 10 more');
  });
});
