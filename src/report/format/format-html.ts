import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { htmlText } from './html-escape.js';
import { DRILL_DOWN_LIMITS, htmlDrillDown, type DrillDownLimits } from './html-drill-down.js';
import { htmlMatrix } from './html-matrix.js';
import { HTML_CSS } from './html-style.js';
import type { ReportFileOptions } from './report-files.js';
import { verdictOf } from './verdict.js';

/** The report-set options plus the HTML's own (so REPORT_FILES can pass its options straight through). */
export interface HtmlOptions extends ReportFileOptions {
  /** overrides of the drill-down limits (DRILL_DOWN_LIMITS) */
  htmlLimits?: Partial<DrillDownLimits>;
}

const LEGEND = 'pass: every result that ran passed · partial: failures that do not block (SHOULD, waived) · fail: a MUST check failed or errored · skipped: nothing ran · –: not run. Counts: passed/ran. A cell with a failure links to it.';

/**
 * report.html: one self-contained page (no network, no script): the verdict, the compatibility matrix
 * and a drill-down to each failed or errored result with its evidence (capped; ctrf.json has all).
 * Every string is escaped; a Content-Security-Policy forbids scripts and remote loads as a second line
 * of defence.
 */
export function formatHtml(results: readonly CheckResult[], runInfo: RunInfo, options: HtmlOptions = {}): string {
  const verdict = verdictOf(results, runInfo);
  const word = verdict.pass ? 'PASS' : 'FAIL';
  const title = `dps-conformance ${runInfo.command}: ${word}`;
  const facts = [`dps-conformance ${runInfo.tool.version}`, `suite ${runInfo.suiteVersion}`, `started ${runInfo.startedAt}`];
  if (runInfo.finishedAt) facts.push(`finished ${runInfo.finishedAt}`);
  if (runInfo.shard) facts.push(`shard ${runInfo.shard}`);
  const drillDown = htmlDrillDown(results, { ...DRILL_DOWN_LIMITS, ...options.htmlLimits });
  const problems = verdict.counts.failed + verdict.counts.errored;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title><style>${HTML_CSS}</style></head><body>
<h1>${htmlText(`dps-conformance ${runInfo.command}`)}</h1>
<p class="verdict ${verdict.pass ? 'pass' : 'fail'}" id="verdict"><b>${verdict.pass ? '✓' : '✗'} ${word}</b> ${htmlText(verdict.line.replace(/^(PASS|FAIL): /, ''))}</p>
${verdict.incomplete ? `<p class="verdict incomplete">⚠ ${htmlText(verdict.incomplete)}</p>\n` : ''}<p class="facts">${htmlText(facts.join(' · '))}</p>
<h2>Compatibility matrix</h2>
${results.length > 0 ? htmlMatrix(results, drillDown.firstEntry) : '<p class="none">No results.</p>'}
<p class="legend">${htmlText(LEGEND)}</p>
<h2 id="failures">Failures and errors (${problems})</h2>
${problems > 0 ? drillDown.html : '<p class="none">No failed or errored results.</p>'}
</body></html>
`;
}
