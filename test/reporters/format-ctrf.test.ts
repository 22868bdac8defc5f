import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { schema } from 'ctrf';
import { formatCtrf } from '../../src/report/format/format-ctrf.js';
import { parseCtrf } from '../../src/report/format/parse-ctrf.js';
import { ctrfText } from '../../src/report/format/ctrf-text.js';
import { isHarnessError } from '../../src/errors/harness-error.js';
import { mixedResults, result, runInfo } from './sample-results.js';
import { verdictOf } from '../../src/report/format/verdict.js';

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

  it('maps errored to failed with rawStatus errored, and names each test checkId [caseId] implementation transport dialect', () => {
    const document = formatCtrf(mixedResults(), runInfo);
    const errored = document.results.tests.find((t) => t.rawStatus === 'errored');
    assert.equal(errored?.status, 'failed');
    assert.equal(errored?.name, 'device.register.timeout [nested-object] azure-iot-provisioning-device@1.9.1 https ga');
    assert.deepEqual(
      document.results.tests.map((t) => t.status),
      ['passed', 'failed', 'failed', 'failed', 'skipped', 'failed'],
    );
    assert.equal(document.results.summary.failed, 4);
    assert.equal(document.results.summary.stop - document.results.summary.start, 60_000);
    assert.deepEqual(document.results.extra?.runInfo, runInfo);
    assert.equal(document.results.tests[1]?.extra?.mismatch, 'schema-mismatch');
  });

  it('survives evidence that JSON cannot hold (cycles, BigInt) and still validates', () => {
    const evidence: Record<string, unknown> = { big: 10n };
    evidence.self = evidence;
    const document = formatCtrf([result({ outcome: 'errored', evidence })], runInfo);
    const text = JSON.stringify(document);
    assert.match(text, /\[Circular\]/);
    assert.equal(validateCtrf(JSON.parse(text)), true);
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
  it('reads back exactly what formatCtrf wrote (every CheckResult field, and the run info)', () => {
    const results = mixedResults();
    const parsed = parseCtrf(JSON.stringify(formatCtrf(results, runInfo)));
    assert.deepEqual(parsed.results, results);
    assert.deepEqual(parsed.runInfo, runInfo);
  });

  it('keeps blockedBy of a result that was not reached, and counts it as skipped and not reached', () => {
    const blocked = result({ checkId: 'device.result.status', outcome: 'skipped', message: 'not reached: DPS refused the register request', blockedBy: 'device.request.body' });
    const document = formatCtrf([result(), blocked], runInfo);
    assert.equal(document.results.tests[1]?.status, 'skipped');
    assert.equal(document.results.tests[1]?.extra?.['blockedBy'], 'device.request.body');
    assert.equal((document.results.summary.extra as { notReached?: number } | undefined)?.notReached, 1);
    assert.deepEqual(parseCtrf(JSON.stringify(document)).results, [result(), blocked]);
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
    const extra = broken.results.tests[0]?.extra as Record<string, unknown>;
    extra.level = 'MAY';
    assert.match(problem(broken), /results\.tests\[0\]\.extra\.level: must be one of MUST, SHOULD/);
  });
});

describe('verdictOf', () => {
  it('counts results that were not reached among the skipped ones, and not in the pass rate', () => {
    const blocked = result({ checkId: 'device.result.status', outcome: 'skipped', message: 'not reached', blockedBy: 'device.request.body' });
    const failed = result({ checkId: 'device.request.body', outcome: 'failed', message: 'refused' });
    const verdict = verdictOf([failed, blocked], runInfo);
    assert.equal(verdict.pass, false);
    assert.match(verdict.line, /1 failed, 0 errored, 1 skipped \(1 not reached\)/);
  });
});
