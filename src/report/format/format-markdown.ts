import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, groupBy, rowKey } from '../../results/summarise-results.js';
import { badgeSection } from './format-badges.js';
import { ByteBudget } from './byte-budget.js';
import { mdText } from './markdown-escape.js';
import { implementationLabel } from './implementation-label.js';
import { causeTotals } from './cause-labels.js';
import { causesBySection, type CauseSection } from './cause-sections.js';
import { failureCauses, groupByCause, type Cause } from './group-by-cause.js';
import { markdownGroupEntry, markdownSkippedLine } from './markdown-group-entry.js';
import { verdictOf } from './verdict.js';
import { dialectNotes } from './dialect-notes.js';

export interface MarkdownOptions {
  /** the whole summary stays under this many bytes (GitHub job summaries take at most 1 MiB) */
  maxBytes?: number;
  /** where the report directory is published, for the badge snippet */
  badgeBaseUrl?: string;
}

export const MARKDOWN_MAX_BYTES = 1024 * 1024;
/** held back for the closing "N more not shown" lines */
const RESERVE = 1024;

interface Section {
  title: string;
  causes: Cause[];
  /** waived and skipped causes are counted apart from failures when they do not fit */
  kind: 'failure' | 'waived' | 'skipped';
}

const TITLES: Record<CauseSection, string> = {
  'blocking-failed': 'Blocking failures (MUST)',
  'blocking-errored': 'Blocking errors (MUST: the target misbehaved or the harness broke)',
  'should-failed': 'SHOULD failures',
  'should-errored': 'Errored (not blocking)',
  waived: 'Waived',
};

/**
 * Failures first, as report.html sections them (causeSection): blocking MUST (failed, then errored),
 * SHOULD failed, other errored, waived; then the skipped results, grouped by cause too.
 */
function problemSections(failures: readonly Cause[], results: readonly CheckResult[]): Section[] {
  const sections: Section[] = causesBySection(failures).map(({ section, causes }) => ({
    title: TITLES[section],
    causes,
    kind: section === 'waived' ? 'waived' : 'failure',
  }));
  const skipped = groupByCause(results.filter((r) => r.outcome === 'skipped'));
  if (skipped.length > 0) sections.push({ title: 'Skipped', causes: skipped, kind: 'skipped' });
  return sections;
}

function header(results: readonly CheckResult[], runInfo: RunInfo): string[] {
  const verdict = verdictOf(results, runInfo);
  const lines = [`# dps-conformance ${mdText(runInfo.command)}: ${verdict.pass ? '✅' : '❌'} ${verdict.pass ? 'PASS' : 'FAIL'}`, '', `**${mdText(verdict.line)}**`, ''];
  if (verdict.incomplete) lines.push(`> ⚠️ ${mdText(verdict.incomplete)}`, '');
  for (const note of dialectNotes(results)) lines.push(`> ℹ️ ${mdText(note)}`, '');
  const facts = [`dps-conformance ${runInfo.tool.version}`, `suite ${runInfo.suiteVersion}`, `started ${runInfo.startedAt}`];
  if (runInfo.finishedAt) facts.push(`finished ${runInfo.finishedAt}`);
  if (runInfo.shard) facts.push(`shard ${runInfo.shard}`);
  lines.push(mdText(facts.join(' · ')), '');
  return lines;
}

function tableRows(results: readonly CheckResult[]): string[] {
  return [...groupBy(results, rowKey).values()].map((group) => {
    const first = group[0] as CheckResult;
    const c = countOutcomes(group);
    const mark = c.blocking > 0 ? '❌' : c.failed + c.errored > 0 ? '⚠️' : '✅';
    return `| ${mark} | ${mdText(implementationLabel(first))} | ${first.transport} | ${first.dialect} | ${c.passed} | ${c.failed} | ${c.errored} | ${c.skipped} |`;
  });
}

function passedLines(results: readonly CheckResult[]): string[] {
  const passed = results.filter((r) => r.outcome === 'passed');
  if (passed.length === 0) return [];
  return [...groupBy(passed, (r) => r.checkId)].map(([checkId, group]) => `- ${mdText(checkId)}: ${group.length} passed`);
}

/**
 * summary.md for a CI job summary: verdict, a table per implementation x transport x dialect, then
 * failures first, grouped by cause as report.html and the console group them (failureCauses: one block
 * per cause, every affected case listed once, with expected, actual and the request data sent), skipped
 * results one line per cause, then a short passed section. Stays under `maxBytes`; what
 * does not fit is counted in a closing line that points to ctrf.json.
 */
export function formatMarkdown(results: readonly CheckResult[], runInfo: RunInfo, options: MarkdownOptions = {}): string {
  const budget = new ByteBudget(options.maxBytes ?? MARKDOWN_MAX_BYTES, RESERVE);
  const closing: string[] = [];
  const addAll = (lines: string[], what: string): void => {
    const index = lines.findIndex((line) => !budget.tryAdd(line));
    if (index >= 0) closing.push(`… ${lines.length - index} more ${what} not shown; see ctrf.json`);
  };

  addAll(header(results, runInfo), 'header lines');
  if (results.length > 0) {
    addAll(['## Results by implementation, transport and dialect', '', '| | implementation | transport | dialect | passed | failed | errored | skipped |', '| --- | --- | --- | --- | ---: | ---: | ---: | ---: |'], 'table lines');
    addAll(tableRows(results), 'table rows');
    budget.tryAdd('');
    addAll(badgeSection(results, options.badgeBaseUrl), 'badge lines');
  }

  let shown = 0;
  let leftFailures = 0;
  let leftOthers = 0;
  const failures = failureCauses(results);
  if (failures.length > 0) addAll([`**Failures by cause (${causeTotals(failures)})**`, ''], 'header lines');
  for (const section of problemSections(failures, results)) {
    const skipped = section.kind === 'skipped';
    const heading = `## ${section.title} (${causeTotals(section.causes)})\n\n`;
    for (const [i, group] of section.causes.entries()) {
      const text = skipped ? markdownSkippedLine(group) : markdownGroupEntry(group, shown + 1);
      if (leftFailures + leftOthers === 0 && budget.tryAdd(`${i === 0 ? heading : ''}${text}`)) shown += skipped ? 0 : 1;
      else if (section.kind === 'failure') leftFailures += group.count;
      else leftOthers += group.count;
    }
    if (skipped) budget.tryAdd('');
  }
  if (leftFailures > 0) closing.push(`… ${leftFailures} more failures not shown; see ctrf.json`);
  if (leftOthers > 0) closing.push(`… ${leftOthers} more waived or skipped results not shown; see ctrf.json`);
  const left = leftFailures + leftOthers;

  const passed = passedLines(results);
  if (passed.length > 0 && left === 0 && budget.tryAdd(`## Passed (${countOutcomes(results).passed})\n`)) addAll(passed, 'passed checks');
  else if (passed.length > 0) closing.push(`… ${countOutcomes(results).passed} passed results not listed; see ctrf.json`);

  for (const line of closing) budget.addClosing(`\n_${line}_`);
  return budget.toString();
}
