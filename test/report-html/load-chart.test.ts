import assert from 'node:assert/strict';
import { formatHtml } from '../../src/report/format/format-html.js';
import type { CheckResult } from '../../src/results/check-result.js';
import { fakeRunInfo } from './fake-results.js';

describe('report.html of a load run', () => {
  it('charts the latency percentiles against the 1 s limit and the rate asked vs achieved', () => {
    const evidence = { asked: { ratePerSecond: 200 }, achievedRatePerSecond: 187.5, latencyMs: { p50: 12, p95: 1400, p99: 2100, max: 3000 } };
    const result: CheckResult = { checkId: 'load.throughput', level: 'SHOULD', outcome: 'failed', dialect: 'ga', transport: 'http', caseId: 'corpus-mix', implementation: { name: 'http://127.0.0.1:7071/api/allocate' }, message: 'achieved 187.5/s of 200/s', evidence };
    const html = formatHtml([result], { ...fakeRunInfo, command: 'load' });
    assert.match(html, /<h2 id="load">Load<\/h2>/);
    assert.match(html, /<text[^>]*>p95<\/text><rect [^>]*fill="#b02a2a"\/><text[^>]*>1400 ms<\/text>/, 'a p95 over the limit is red');
    assert.match(html, /asked 200\/s, achieved 187\.5\/s/);
    assert.doesNotMatch(formatHtml([{ ...result, checkId: 'webhook.response.status', evidence: undefined }], fakeRunInfo), /id="load"/);
  });
});
