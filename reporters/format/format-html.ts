import type { CheckResult } from '../../src/results/check-result.js';
import type { RunInfo } from '../../src/results/run-info.js';
import { failuresFirst } from '../../src/results/summarise-results.js';
import { htmlText } from './html-escape.js';
import { htmlDrillDown, htmlMatrix } from './html-sections.js';
import { verdictOf } from './verdict.js';

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}
td.pass{background:#dfd}td.fail{background:#fdd}td.warn{background:#ffd}td.skip,td.none{background:#eee}pre{background:#f6f6f6;padding:8px;overflow:auto;max-height:30em;white-space:pre-wrap}
.verdict.pass{color:#060}.verdict.fail{color:#a00}span.failed,span.errored{color:#a00;font-weight:bold}span.passed{color:#060}span.skipped{color:#666}details{margin:4px 0}`;

/**
 * report.html: one self-contained page (no network, no script) with the compatibility matrix and a
 * drill-down to every result and its evidence. Every string is escaped; a Content-Security-Policy
 * forbids scripts and remote loads as a second line of defence.
 */
export function formatHtml(results: readonly CheckResult[], runInfo: RunInfo): string {
  const verdict = verdictOf(results, runInfo);
  const title = `dps-conformance ${runInfo.command}: ${verdict.pass ? 'PASS' : 'FAIL'}`;
  const facts = [`dps-conformance ${runInfo.tool.version}`, `suite ${runInfo.suiteVersion}`, `started ${runInfo.startedAt}`];
  if (runInfo.finishedAt) facts.push(`finished ${runInfo.finishedAt}`);
  if (runInfo.shard) facts.push(`shard ${runInfo.shard}`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${htmlText(title)}</title><style>${STYLE}</style></head><body>
<h1>${htmlText(title)}</h1>
<p class="verdict ${verdict.pass ? 'pass' : 'fail'}">${htmlText(verdict.line)}</p>
${verdict.incomplete ? `<p class="verdict fail">${htmlText(verdict.incomplete)}</p>` : ''}
<p>${htmlText(facts.join(' · '))}</p>
<h2>Compatibility matrix</h2>
${htmlMatrix(results)}
<h2>Results</h2>
${htmlDrillDown(results, failuresFirst)}
</body></html>
`;
}
