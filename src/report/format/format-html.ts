import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { causeTotals } from './cause-labels.js';
import { failureCauses, waivedCauses } from './group-by-cause.js';
import { htmlCertification } from './html-certification.js';
import { EvidenceIndex } from './evidence-index.js';
import { HtmlEvidenceStore } from './html-evidence-store.js';
import { htmlNotReached } from './html-not-reached.js';
import { durationHistogram, percentile } from './html-charts.js';
import { htmlText } from './html-escape.js';
import { DRILL_DOWN_LIMITS, htmlDrillDown, type DrillDownLimits } from './html-drill-down.js';
import { htmlHeadline } from './html-headline.js';
import { htmlLoad } from './html-load.js';
import { htmlHistory } from './html-history.js';
import { htmlMatrix } from './html-matrix.js';
import { HTML_CSS } from './html-style.js';
import { implementationLabel } from './implementation-label.js';
import { partyOf } from './party.js';
import type { ReportFileOptions } from './report-file-options.js';
import { verdictOf } from './verdict.js';
import { dialectNotes } from './dialect-notes.js';
import { versionHistories } from './version-history.js';

/** The report-set options plus the HTML's own (so REPORT_FILES can pass its options straight through). */
export interface HtmlOptions extends ReportFileOptions {
  /** overrides of the drill-down limits (DRILL_DOWN_LIMITS) */
  htmlLimits?: Partial<DrillDownLimits>;
}

const LEGEND = 'pass: every result that ran passed · partial: failures that do not block (SHOULD, waived) · fail: a MUST check failed or errored · skipped: nothing ran · –: not run. Counts: passed/judged; not reached: a failure in the same case stopped the check, so it was not judged. A cell with a failure links to its first cause.';

/** The webhook answer times, when the webhook results recorded them. */
function webhookTimes(results: readonly CheckResult[]): string {
  // one answer per case and dialect (several checks judge the same answer)
  const answers = new Map<string, number>();
  for (const r of results) {
    if (partyOf(r) === 'webhook' && r.exchangeMs !== undefined) answers.set(`${implementationLabel(r)} ${r.dialect} ${r.caseId}`, r.exchangeMs);
  }
  const times = [...answers.values()].map((ms) => Math.round(ms));
  if (times.length < 5) return '';
  const p95 = percentile([...times].sort((a, b) => a - b), 95);
  return `<h2 id="timing">Webhook answer times</h2>\n<figure>${durationHistogram(times, `webhook answer times, p95 ${p95} ms`)}<figcaption>${times.length} answers; p95 ${p95} ms</figcaption></figure>`;
}

/**
 * report.html: one self-contained page (no network, no script): the verdict, a headline per
 * implementation (verdict, MUST pass rate, top causes, a pass-rate chart), one compatibility matrix per
 * party, the failures grouped by cause with the evidence of the first of each, and for a merged report
 * the history across versions. Its size grows with the number of causes and matrix rows, not results.
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
  const limits = { ...DRILL_DOWN_LIMITS, ...options.htmlLimits };
  const evidence = new HtmlEvidenceStore(limits.maxEvidenceChars, new EvidenceIndex(results));
  const failures = failureCauses(results);
  const waived = waivedCauses(results);
  const drillDown = htmlDrillDown(failures, evidence, limits);
  const waivedDown = htmlDrillDown(waived, evidence, limits, drillDown.shown + 1);
  // a matrix cell links to its first failure, else to its first waived cause
  for (const [key, id] of waivedDown.firstEntry) if (!drillDown.firstEntry.has(key)) drillDown.firstEntry.set(key, id);
  const body = results.length === 0
    ? '<p class="none">No results.</p>'
    : `<h2 id="implementations">Implementations</h2>
${htmlHeadline(results, failures, drillDown.causeIds)}
<h2 id="matrix">Compatibility matrix</h2>
${htmlMatrix(results, drillDown.firstEntry)}
<p class="legend">${htmlText(LEGEND)}</p>
${webhookTimes(results)}
${htmlLoad(results)}
<h2 id="failures">Failures by cause (${causeTotals(failures)})</h2>
${failures.length > 0 ? drillDown.html : `<p class="none">${waived.length > 0 ? 'No failed or errored results other than the waived ones below.' : 'No failed or errored results.'}</p>`}
${waived.length > 0 ? `<h2 id="waived">Waived: accepted failures, not counted as failures (${causeTotals(waived)})</h2>\n${waivedDown.html}` : ''}
${htmlNotReached(results)}
${htmlHistory(versionHistories(results))}
${evidence.html()}`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title><style>${HTML_CSS}</style></head><body>
<h1>${htmlText(`dps-conformance ${runInfo.command}`)}</h1>
<p class="verdict ${verdict.pass ? 'pass' : 'fail'}" id="verdict"><b>${verdict.pass ? '✓' : '✗'} ${word}</b> ${htmlText(verdict.line.replace(/^(PASS|FAIL): /, ''))}</p>
${verdict.incomplete ? `<p class="verdict incomplete">⚠ ${htmlText(verdict.incomplete)}</p>\n` : ''}${dialectNotes(results).map((note) => `<p class="note">ℹ ${htmlText(note)}</p>\n`).join('')}${htmlCertification(runInfo)}
<p class="facts">${htmlText(facts.join(' · '))}</p>
${body}
</body></html>
`;
}
