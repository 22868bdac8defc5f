import type { CommandHandler } from '../../command-context.js';
import { ExitStatus } from '../../exit-status.js';
import { diffReports } from '../../../merge/diff-reports.js';
import { formatDiff } from '../../../merge/format-diff.js';
import { ctrfPathOf, readReport } from '../../../merge/read-report.js';
import { missingBaselineAdvice } from '../../../merge/missing-baseline.js';
import { usageError } from '../../../errors/harness-error.js';
import { existsSync } from 'node:fs';
import type { ReportDiffOptions } from './options.js';

/**
 * `report diff BASE CURRENT`: exit 1 when a new failure is blocking (MUST, not waived) or the current run is
 * incomplete (unless `--allow-incomplete`), 2 on unreadable input. A BASE that does not exist yet (the
 * first run) is exit 2 with how to make one, or a pass with `--allow-missing-baseline`.
 */
export const handle: CommandHandler<ReportDiffOptions> = (options, { stdout }) => {
  const basePath = ctrfPathOf(options.base);
  if (!existsSync(basePath)) {
    // the first run of a workflow has no baseline yet: say how to make one, and pass when told to
    const how = missingBaselineAdvice(basePath, options.current);
    if (options.allowMissingBaseline !== true) throw usageError(`${how}; or pass --allow-missing-baseline to let this first run pass`);
    readReport(options.current);
    stdout.write(`${how}\nOK: no baseline yet (--allow-missing-baseline): nothing to compare, nothing fails\n`);
    return Promise.resolve(ExitStatus.OK);
  }
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
