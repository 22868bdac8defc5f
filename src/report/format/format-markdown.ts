import { isBlocking, type CheckResult } from '../../results/check-result.js';
import type { RunInfo } from '../../results/run-info.js';
import { countOutcomes, groupBy, rowKey } from '../../results/summarise-results.js';
import { badgeSection } from './format-badges.js';
import { ByteBudget } from './byte-budget.js';
import { mdText } from './markdown-escape.js';
import { implementationLabel } from './implementation-label.js';
import { groupByCause } from './group-by-cause.js';
import { markdownGroupEntry, markdownSkippedLine } from './markdown-group-entry.js';
import { verdictOf } from './verdict.js';

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
  results: CheckResult[];
}

const SKIPPED_TITLE = 'Skipped';

/** Failures first: blocking MUST (failed, then errored), SHOULD failed, other errored, waived, then skipped. */
function problemSections(results: readonly CheckResult[]): Section[] {
  const pick = (test: (r: CheckResult) => boolean): CheckResult[] => results.filter(test);
  return [
    { title: 'Blocking failures (MUST)', results: pick((r) => isBlocking(r) && r.outcome === 'failed') },
    { title: 'Blocking errors (MUST: the target misbehaved or the harness broke)', results: pick((r) => isBlocking(r) && r.outcome === 'errored') },
    { title: 'SHOULD failures', results: pick((r) => !isBlocking(r) && !r.waived && r.outcome === 'failed') },
    { title: 'Errored (not blocking)', results: pick((r) => !isBlocking(r) && !r.waived && r.outcome === 'errored') },
    { title: 'Waived', results: pick((r) => r.waived !== undefined && r.outcome !== 'passed') },
    { title: SKIPPED_TITLE, results: pick((r) => r.outcome === 'skipped' && !r.waived) },
  ].filter((s) => s.results.length > 0);
}

function header(results: readonly CheckResult[], runInfo: RunInfo): string[] {
  const verdict = verdictOf(results, runInfo);
  const lines = [`# dps-conformance ${mdText(runInfo.command)}: ${verdict.pass ? '✅' : '❌'} ${verdict.pass ? 'PASS' : 'FAIL'}`, '', `**${mdText(verdict.line)}**`, ''];
  if (verdict.incomplete) lines.push(`> ⚠️ ${mdText(verdict.incomplete)}`, '');
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
 * failures first, grouped by cause (src/report/format/group-by-cause.ts: one block per check x message
 * shape, every affected case listed once, with expected, actual and the request data sent), skipped
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
  for (const section of problemSections(results)) {
    const groups = groupByCause(section.results);
    const skipped = section.title === SKIPPED_TITLE;
    const heading = `## ${section.title} (${section.results.length} ${section.results.length === 1 ? 'result' : 'results'}, ${groups.length} ${groups.length === 1 ? 'cause' : 'causes'})\n\n`;
    for (const [i, group] of groups.entries()) {
      const text = skipped ? markdownSkippedLine(group) : markdownGroupEntry(group, shown + 1);
      if (leftFailures + leftOthers === 0 && budget.tryAdd(`${i === 0 ? heading : ''}${text}`)) shown += skipped ? 0 : 1;
      else if (group.firstResult.waived || group.outcome === 'skipped') leftOthers += group.count;
      else leftFailures += group.count;
    }
    if (skipped && groups.length > 0) budget.tryAdd('');
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
