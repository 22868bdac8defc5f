/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import assert from 'node:assert/strict';
import { formatCtrf } from '../../src/report/format/format-ctrf.js';
import { formatHtml } from '../../src/report/format/format-html.js';
import { formatJunit } from '../../src/report/format/format-junit.js';
import { checkFamily } from '../../src/report/format/check-family.js';
import { fiveImplementations } from '../report-html/five-implementations.js';
import { NASTY, mixedResults, result, runInfo } from './sample-results.js';

describe('formatHtml', () => {
  it('is one self-contained page: no script, no remote load, a CSP that forbids both', () => {
    const html = formatHtml(mixedResults(), runInfo);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(html, /<(script|img|link|iframe|object)\b|href="(?!#)/i);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('shows the request data the first result of a cause sent, as summary.md does', () => {
    const body = JSON.stringify({ enrollmentGroup: {}, deviceRuntimeContext: { registrationId: 'dev-1', symmetricKey: {}, payload: { name: 'Café <b>' } } });
    const refused = result({ checkId: 'webhook.robustness.variant', outcome: 'failed', message: 'got HTTP 400', evidence: { request: { body } } });
    const html = formatHtml([refused], runInfo);
    const sent = /<h5>request data sent<\/h5><pre class="request">([^<]*)<\/pre>/.exec(html)?.[1] ?? '';
    assert.match(sent, /&quot;registrationId&quot;: &quot;dev-1&quot;/);
    assert.match(sent, /&quot;name&quot;: &quot;Café &lt;b&gt;&quot;/);
    assert.doesNotMatch(formatHtml([result({ outcome: 'failed', evidence: { answer: 1 } })], runInfo), /request data sent/);
  });

  it('names each piece of evidence by its id in ctrf.json, the id junit.xml points to', () => {
    const results = fiveImplementations();
    const html = formatHtml(results, runInfo);
    const ctrf = formatCtrf(results, runInfo);
    const junit = formatJunit(results, runInfo);
    const anchors = [...html.matchAll(/<section id="evidence-(e\d+)" class="evidence-item"><h4>Evidence (e\d+):/g)];
    assert.ok(anchors.length > 0, 'the page stores evidence');
    for (const [, anchor, label] of anchors) {
      assert.equal(label, anchor);
      assert.ok(ctrf.results.extra?.evidence !== undefined && anchor !== undefined && anchor in (ctrf.results.extra.evidence as object), `${String(anchor)} is a piece of ctrf.json`);
      assert.ok(junit.includes(`evidence ${String(anchor)}: ctrf.json results.extra.evidence.${String(anchor)}`), `junit.xml points to ${String(anchor)}`);
      assert.match(html, new RegExp(`<a href="#evidence-${String(anchor)}">${String(anchor)}</a>`), 'a cause links to it by the same id');
    }
  });

  it('escapes every string an implementation sent', () => {
    const html = formatHtml([result({ outcome: 'failed', implementation: { name: NASTY }, caseId: NASTY, message: NASTY, actual: NASTY, evidence: { x: NASTY } })], runInfo);
    assert.doesNotMatch(html, /<img|<script|\u0000/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('shows a matrix of implementation x transport x dialect by check family, failures linked to their cause', () => {
    const html = formatHtml(mixedResults(), runInfo);
    assert.equal(checkFamily('webhook.response.schema'), 'webhook.response');
    assert.match(html, /<td class="pass" title="pass: 1\/1 passed"><span class="mark">✓<\/span> <b>pass<\/b><br><small>1\/1 passed<\/small><\/td>/);
    const link = /<td class="fail"[^>]*><a href="#(cause-[0-9]+)">/.exec(html)?.[1];
    assert.ok(link);
    assert.match(html, new RegExp(`<details id="${link}" `));
  });
});
