import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { diffReports } from '../../../merge/diff-reports.js';
import { formatDiff } from '../../../merge/format-diff.js';
import { readReport } from '../../../merge/read-report.js';
import type { ReportDiffOptions } from './define.js';

/**
 * `report diff BASE CURRENT`: exit 1 when a new failure is blocking (MUST, not waived) or the current run is
 * incomplete (unless `--allow-incomplete`), 2 on unreadable input.
 */
export const handle: CommandHandler<ReportDiffOptions> = (options, { stdout }) => {
  const base = readReport(options.base);
  const current = readReport(options.current);
  const notes: string[] = [];
  if (base.runInfo.suiteVersion !== current.runInfo.suiteVersion) {
    notes.push(`the runs used different suite versions (${base.runInfo.suiteVersion} vs ${current.runInfo.suiteVersion}): added and removed checks may come from the suite, not the implementation`);
  }
  if (current.runInfo.incomplete === true) notes.push(`the current run is incomplete (${current.runInfo.incompleteReason ?? 'stopped early'}): missing results show as removed`);
  const diff = diffReports(base.results, current.results);
  // a CI shard that died leaves fewer results: that must not pass the gate as "no new failures"
  const incomplete = current.runInfo.incomplete === true && options.allowIncomplete !== true;
  if (incomplete) notes.push('an incomplete run fails the gate (exit 1); pass --allow-incomplete to judge only the results it has');
  stdout.write(formatDiff(diff, { base: base.path, current: current.path }, notes, incomplete ? 'INCOMPLETE' : undefined));
  return Promise.resolve(diff.blockingNewFailures > 0 || incomplete ? ExitStatus.MUST_FAILED : ExitStatus.OK);
};
