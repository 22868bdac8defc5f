import type { CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, groupBy, rowKey } from '../../results/summarise-results.js';
import { badgeSection } from './format-badges.js';
import { ByteBudget } from './byte-budget.js';
import { mdText } from './markdown-escape.js';
import { implementationLabel } from './implementation-label.js';
import { causeTotals } from './cause-labels.js';
import { causesBySection, type CauseSection } from './cause-sections.js';
import { failureCauses, groupByCause, waivedCauses, type Cause } from './group-by-cause.js';
import { markdownCertification } from './markdown-certification.js';
import { markdownCauseLine, markdownGroupEntry, markdownNotReachedLine, markdownSkippedLine } from './markdown-group-entry.js';
import { markdownImplementationVerdicts } from './markdown-implementation-verdicts.js';
import { notReachedGroups, plainSkips } from './not-reached.js';
import { displayCountsOf, verdictOf } from './verdict.js';
import { dialectNotes } from './dialect-notes.js';

export interface MarkdownOptions {
  /** the whole summary stays under this many bytes (GitHub job summaries take at most 1 MiB) */
  maxBytes?: number;
  /** and under this many lines: a job summary is read by a person */
  maxLines?: number;
  /** where the report directory is published, for the badge snippet */
  badgeBaseUrl?: string;
}

export const MARKDOWN_MAX_BYTES = 1024 * 1024;
export const MARKDOWN_MAX_LINES = 1000;
/** held back for the closing "N more not shown" lines */
const RESERVE = 1024;
const RESERVE_LINES = 8;
/** causes given a full block (message, cases, expected, actual, data sent) before the rest get one line each */
const FULL_ENTRIES = 12;

const TITLES: Record<CauseSection, string> = {
  'blocking-failed': 'Blocking failures (MUST failed)',
  'blocking-errored': 'Blocking errors (MUST errored: the target misbehaved or the harness broke)',
  'should-failed': 'SHOULD failures (not blocking)',
  'should-errored': 'Errored (not blocking)',
  waived: 'Waived',
};

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

function tableLines(results: readonly CheckResult[]): string[] {
  const all = displayCountsOf(results);
  const waived = all.waived > 0;
  const notReached = all.notReached > 0;
  const head = `| | implementation | transport | dialect | passed | failed | errored |${waived ? ' waived |' : ''} skipped |${notReached ? ' not reached |' : ''}`;
  const rule = `| --- | --- | --- | --- | ---: | ---: | ---: |${waived ? ' ---: |' : ''} ---: |${notReached ? ' ---: |' : ''}`;
  const rows = [...groupBy(results, rowKey).values()].map((group) => {
    const first = group[0] as CheckResult;
    const c = displayCountsOf(group);
    const mark = countOutcomes(group).blocking > 0 ? '❌' : c.failed + c.errored > 0 ? '⚠️' : '✅';
    return `| ${mark} | ${mdText(implementationLabel(first))} | ${first.transport} | ${first.dialect} | ${c.passed} | ${c.failed} | ${c.errored} |${waived ? ` ${c.waived} |` : ''} ${c.skipped} |${notReached ? ` ${c.notReached} |` : ''}`;
  });
  return ['## Results by implementation, transport and dialect', '', head, rule, ...rows, ''];
}

/** Passed results counted per check, in one paragraph: the rest of the run, after what needs action. */
function passedLines(results: readonly CheckResult[]): string[] {
  const passed = results.filter((r) => r.outcome === 'passed');
  if (passed.length === 0) return [];
  const byCheck = [...groupBy(passed, (r) => r.checkId)].map(([checkId, group]) => `${mdText(checkId)} ${group.length}`);
  return [`## Passed (${passed.length})`, '', byCheck.join(' · '), ''];
}

/**
 * The failure causes, each section under its title: the first FULL_ENTRIES causes as full blocks,
 * the rest one line each, as long as the budget lasts (keeping `keepLines` lines for what follows).
 * Returns how many causes and results it could not show.
 */
function addFailures(budget: ByteBudget, causes: readonly Cause[], keepLines: number, keepBytes: number): { causes: number; results: number } {
  let index = 0;
  const left = { causes: 0, results: 0 };
  for (const { section, causes: own } of causesBySection(causes)) {
    let heading = `### ${TITLES[section]} (${causeTotals(own)})\n`;
    for (const cause of own) {
      index += 1;
      const full = index <= FULL_ENTRIES ? `${heading}\n${markdownGroupEntry(cause, index)}` : undefined;
      const line = `${heading}${markdownCauseLine(cause, index)}`;
      if (left.causes === 0 && ((full !== undefined && budget.tryAdd(full, keepLines, keepBytes)) || budget.tryAdd(line, keepLines, keepBytes))) heading = '';
      else {
        left.causes += 1;
        left.results += cause.count;
      }
    }
    if (heading === '') budget.tryAdd('', keepLines, keepBytes);
  }
  return left;
}

/**
 * summary.md for a CI job summary, in the order a person reads it: the verdict; what was declared and
 * whether the results are signed; one line per implementation with its verdict and root causes; the
 * failures by cause (one block per cause, every affected case once, with the data it sent, expected,
 * actual and the request); the waived results and the results a failure stopped (never among the
 * failures); skipped results, one line per reason; the table per implementation x transport x dialect;
 * the passed checks; badges last. Stays under `maxBytes` and `maxLines`: what does not fit is counted in
 * a closing line that points to report.html and ctrf.json.
 */
export function formatMarkdown(results: readonly CheckResult[], runInfo: RunInfo, options: MarkdownOptions = {}): string {
  const budget = new ByteBudget(options.maxBytes ?? MARKDOWN_MAX_BYTES, RESERVE, options.maxLines ?? MARKDOWN_MAX_LINES, RESERVE_LINES);
  const closing: string[] = [];
  const add = (lines: readonly string[], what: string, keepLines = 0, keepBytes = 0): void => {
    const index = lines.findIndex((line) => !budget.tryAdd(line, keepLines, keepBytes));
    if (index >= 0) closing.push(`… ${lines.length - index} more ${what} not shown; see report.html and ctrf.json`);
  };

  add(header(results, runInfo), 'header lines');
  add(markdownCertification(runInfo), 'certification lines');
  const failures = failureCauses(results);
  if (results.length > 0) add(markdownImplementationVerdicts(results, failures), 'implementation lines');

  // what comes after the causes is kept room for, so a long list of causes never pushes out the table
  const table = results.length > 0 ? tableLines(results) : [];
  const passed = passedLines(results);
  const badges = results.length > 0 ? badgeSection(results, options.badgeBaseUrl) : [];
  const tail = [...table, ...passed, ...badges];
  const tailLines = tail.reduce((sum, line) => sum + ByteBudget.linesOf(line), 0);
  const tailBytes = tail.reduce((sum, line) => sum + Buffer.byteLength(line, 'utf8') + 1, 0);

  if (failures.length > 0) {
    budget.tryAdd(`## Failures by cause (${causeTotals(failures)})\n`, tailLines, tailBytes);
    const left = addFailures(budget, failures, tailLines, tailBytes);
    if (left.causes > 0) closing.push(`… ${left.causes} more causes (${left.results} results) not shown; report.html lists them all, ctrf.json holds every result`);
  }

  const waived = waivedCauses(results);
  if (waived.length > 0) {
    const lines = [`## Waived: accepted failures, not counted as failures (${causeTotals(waived)})`, '', ...waived.map((cause, i) => markdownCauseLine(cause, i + 1)), ''];
    add(lines, 'waived causes', tailLines, tailBytes);
  }
  const notReached = notReachedGroups(results);
  if (notReached.length > 0) {
    const total = notReached.reduce((sum, g) => sum + g.count, 0);
    const lines = [`## Not reached (${total} results: a failure above stopped them; neither passed nor failed)`, '', ...notReached.map(markdownNotReachedLine), ''];
    add(lines, 'not-reached lines', tailLines, tailBytes);
  }
  const skipped = groupByCause(plainSkips(results));
  if (skipped.length > 0) add([`## Skipped (${causeTotals(skipped)})`, '', ...skipped.map(markdownSkippedLine), ''], 'skipped lines', tailLines, tailBytes);

  add(table, 'table lines');
  add(passed, 'passed lines');
  add(badges, 'badge lines');
  for (const line of closing) budget.addClosing(`\n_${line}_`);
  return budget.toString();
}
