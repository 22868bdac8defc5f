/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
import assert from 'node:assert/strict';
import { formatHtml } from '../../reporters/format/format-html.js';
import { checkFamily } from '../../reporters/format/html-sections.js';
import { NASTY, mixedResults, result, runInfo } from './sample-results.js';

describe('formatHtml', () => {
  it('is one self-contained page: no script, no remote load, a CSP that forbids both', () => {
    const html = formatHtml(mixedResults(), runInfo);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(html, /<(script|img|link|iframe|object)\b|href="(?!#)/i);
    const anchors = [...html.matchAll(/<section id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(anchors).size, anchors.length);
  });

  it('escapes every string an implementation sent', () => {
    const html = formatHtml([result({ outcome: 'failed', implementation: { name: NASTY }, caseId: NASTY, message: NASTY, actual: NASTY, evidence: { x: NASTY } })], runInfo);
    assert.doesNotMatch(html, /<img|<script|\u0000/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('shows a matrix of check families by implementation x transport x dialect, linked to the results', () => {
    const html = formatHtml(mixedResults(), runInfo);
    assert.equal(checkFamily('webhook.response.schema'), 'webhook.response');
    assert.match(html, /<th>device\.returnData<\/th><td class="pass"><a href="#(r-[0-9a-f]+)">1\/1<\/a><\/td>/);
    const link = /<td class="fail"><a href="#(r-[0-9a-f]+)">/.exec(html)?.[1];
    assert.ok(link);
    assert.match(html, new RegExp(`<section id="${link}">`));
  });
});
