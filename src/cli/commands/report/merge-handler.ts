import { dirname, resolve } from 'node:path';
import type { CommandHandler } from '../../command-context.js';
import { usageError } from '../../../errors/harness-error.js';
import { ExitStatus } from '../../exit-status.js';
import { packageVersion } from '../../../meta/package-info.js';
import { writeReportSet } from '../../../report/write-report-set.js';
import { isBlocking } from '../../../results/check-result.js';
import { formatMergeSummary } from '../../../merge/format-merge-summary.js';
import { mergeReports } from '../../../merge/merge-reports.js';
import { readReport } from '../../../merge/read-report.js';
import type { ReportMergeOptions } from './define.js';

/** `report merge DIR... --out DIR`: exit 1 when any merged result is blocking, 2 on unreadable or unmergeable input. */
export const handle: CommandHandler<ReportMergeOptions> = async (options, { stdout, isTTY }) => {
  const reports = options.dirs.map(readReport);
  const into = reports.find((r) => resolve(dirname(r.path)) === resolve(options.out));
  if (into) throw usageError(`--out ${options.out} is where ${into.source} lives; write the merged report somewhere else`);
  const merged = mergeReports(reports, packageVersion);
  const written = await writeReportSet(options.out, merged.results, merged.runInfo);
  stdout.write(formatMergeSummary(reports, merged, written.paths, { color: isTTY }));
  return merged.results.some(isBlocking) ? ExitStatus.MUST_FAILED : ExitStatus.OK;
};
