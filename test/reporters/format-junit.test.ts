/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatJunit } from '../../src/report/format/format-junit.js';
import { xmlAttr, xmlText } from '../../src/report/format/xml-escape.js';
import { NASTY, mixedResults, result, runInfo } from './sample-results.js';

interface Suite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase: Array<Record<string, unknown>>;
}

function parse(xml: string): Suite[] {
  assert.equal(XMLValidator.validate(xml), true);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  const doc = parser.parse(xml) as { testsuites: { testsuite: Suite[] } };
  return doc.testsuites.testsuite;
}

describe('formatJunit', () => {
  it('writes one testsuite per implementation x transport x dialect with the right counts', () => {
    const suites = parse(formatJunit(mixedResults(), runInfo));
    const byName = new Map(suites.map((s) => [s['@_name'], s]));
    assert.deepEqual([...byName.keys()].sort(), [
      'azure-iot-provisioning-device@1.9.1 amqp ga',
      'azure-iot-provisioning-device@1.9.1 https ga',
      'azure-iot-provisioning-device@1.9.1 https preview',
      'https://example.test/api/alloc http ga',
    ]);
    const https = byName.get('azure-iot-provisioning-device@1.9.1 https ga');
    assert.equal(https?.['@_tests'], '3');
    // the waived failure is skipped, saying WAIVED: never a failure
    assert.equal(https?.['@_failures'], '0');
    assert.equal(https?.['@_errors'], '1');
    assert.equal(https?.['@_skipped'], '1');
    const waived = https?.testcase.find((t) => t['@_classname'] === 'device.waived') as { skipped: { '@_message': string } } | undefined;
    assert.match(waived?.skipped['@_message'] ?? '', /^WAIVED until 2099-01-01: tracked in #12 \(failed: known bug\)$/);
    assert.ok(https?.testcase.some((t) => 'error' in t && t['@_classname'] === 'device.register.timeout'));
    assert.equal(byName.get('azure-iot-provisioning-device@1.9.1 amqp ga')?.['@_skipped'], '1');
  });

  it('keeps NUL, ]]>, <script> and lone surrogates from breaking the XML, and shows them as text', () => {
    const xml = formatJunit([result({ outcome: 'failed', caseId: NASTY, message: NASTY, expected: NASTY, actual: { s: NASTY }, mismatch: NASTY })], runInfo);
    assert.doesNotMatch(xml, /<script>|\u0000|]]>/);
    const testcase = parse(xml)[0]?.testcase[0] as { failure: { '#text': string; '@_message': string } };
    assert.match(testcase.failure['@_message'], /<script>alert\(1\)<\/script> ]]> \\u0000\\u0007 \\ud800/);
    assert.match(testcase.failure['#text'], /expected:\n/);
  });

  it('escapes every character XML gives meaning to', () => {
    assert.equal(xmlText('a&b<c>d'), 'a&amp;b&lt;c&gt;d');
    assert.equal(xmlAttr('"\'\n'), '&quot;&apos;&#10;');
    assert.equal(xmlText('\uffff\ud83d\ude00'), '\\uffff\ud83d\ude00');
  });
});
