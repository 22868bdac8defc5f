import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { CommandHandler } from '../../command-context.js';
import { usageError } from '../../../errors/harness-error.js';
import { ExitStatus } from '../../exit-status.js';
import { checkOutDir } from '../../preflight-paths.js';
import { packageVersion } from '../../../meta/package-info.js';
import { writeReportSet, type Attachment } from '../../../report/write-report-set.js';
import { isBlocking } from '../../../results/check-result.js';
import { formatMergeSummary } from '../../../merge/format-merge-summary.js';
import { mergeReports } from '../../../merge/merge-reports.js';
import { readReport, type LoadedReport } from '../../../merge/read-report.js';
import { expandReportDirs } from '../../../merge/report-dirs.js';
import type { ReportMergeOptions } from './options.js';

/** The notes (a bundled implementation's README) an input's reports link to by a relative path, to copy beside the merged reports. */
function linkedNotes(reports: readonly LoadedReport[]): Attachment[] {
  const attachments = new Map<string, Attachment>();
  for (const report of reports) {
    for (const result of report.results) {
      const url = result.implementation.docsUrl;
      if (url === undefined || attachments.has(url) || /^[a-z][a-z0-9+.-]*:/i.test(url)) continue;
      const sourcePath = join(dirname(report.path), url);
      if (existsSync(sourcePath)) attachments.set(url, { relativePath: url, sourcePath });
    }
  }
  return [...attachments.values()];
}

/**
 * `report merge DIR... --out DIR` (a DIR with no ctrf.json of its own stands for its subdirectories, and
 * one of them without a report makes the merge incomplete): exit 1 when any merged result is blocking or the merge is incomplete (a
 * shard missing or an input interrupted; `--allow-incomplete` accepts that), 2 on unreadable or unmergeable input.
 */
export const handle: CommandHandler<ReportMergeOptions> = async (options, { stdout, stderr, isTTY }) => {
  const { dirs, withoutReport } = expandReportDirs(options.dirs);
  const reports = dirs.map(readReport);
  const into = reports.find((r) => resolve(dirname(r.path)) === resolve(options.out));
  if (into) throw usageError(`--out ${options.out} is where ${into.source} lives; write the merged report somewhere else`);
  // merged in memory first: inputs that cannot be merged are refused before --out is created
  const merged = mergeReports(reports, packageVersion);
  if (withoutReport.length > 0) {
    // an artifact without a report is a job that broke before writing one: its results are missing
    const reason = `${withoutReport.join(', ')}: no ctrf.json`;
    merged.runInfo.incomplete = true;
    merged.runInfo.incompleteReason = merged.runInfo.incompleteReason === undefined ? reason : `${merged.runInfo.incompleteReason}; ${reason}`;
  }
  await checkOutDir(options.out);
  const written = await writeReportSet(options.out, merged.results, merged.runInfo, { attachments: linkedNotes(reports) });
  stdout.write(formatMergeSummary(reports, merged, written.paths, { color: isTTY }));
  // a missing shard (a CI job that died) must not pass the gate with the results the others had
  if (merged.runInfo.incomplete === true && options.allowIncomplete !== true) {
    stderr.write(`dps-conformance: the merged report is incomplete (${merged.runInfo.incompleteReason ?? 'stopped early'}): exit 1; pass --allow-incomplete to judge only the results it has\n`);
    return ExitStatus.MUST_FAILED;
  }
  return merged.results.some(isBlocking) ? ExitStatus.MUST_FAILED : ExitStatus.OK;
};
