import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { diffReports } from '../../../merge/diff-reports.js';
import { formatDiff } from '../../../merge/format-diff.js';
import { readReport } from '../../../merge/read-report.js';
import type { ReportDiffOptions } from './define.js';

/** `report diff BASE CURRENT`: exit 1 when a new failure is blocking (MUST, not waived), 2 on unreadable input. */
export const handle: CommandHandler<ReportDiffOptions> = (options, { stdout }) => {
  const base = readReport(options.base);
  const current = readReport(options.current);
  const notes: string[] = [];
  if (base.runInfo.suiteVersion !== current.runInfo.suiteVersion) {
    notes.push(`the runs used different suite versions (${base.runInfo.suiteVersion} vs ${current.runInfo.suiteVersion}): added and removed checks may come from the suite, not the implementation`);
  }
  if (current.runInfo.incomplete === true) notes.push(`the current run is incomplete (${current.runInfo.incompleteReason ?? 'stopped early'}): missing results show as removed`);
  const diff = diffReports(base.results, current.results);
  stdout.write(formatDiff(diff, { base: base.path, current: current.path }, notes));
  return Promise.resolve(diff.blockingNewFailures > 0 ? ExitStatus.MUST_FAILED : ExitStatus.OK);
};
