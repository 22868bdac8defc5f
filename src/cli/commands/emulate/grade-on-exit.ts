import type { RunningEmulator } from '../../../emulator/index.js';
import { writeReportSet } from '../../../report/write-report-set.js';
import { isBlocking, type CheckResult, type Dialect } from '../../../results/check-result.js';
import type { SecretRedactor } from '../../../results/secret-redactor.js';
import { createRunInfo } from '../../../runner/create-run-info.js';
import { gradeObserved } from '../../../../suites/emulate-grading/grade-observed.js';
import type { UserNames } from '../../../../suites/emulate-grading/device-names.js';

export interface GradeSummary {
  results: number;
  failedMust: number;
  paths: string[];
}

/**
 * On `emulate`'s exit: grades every observed registration with the device suite's server-side checks
 * and writes the report set (ctrf.json, junit.xml, summary.md, report.html) into `out`.
 */
export async function gradeOnExit(
  emulator: RunningEmulator,
  options: { out: string; startedAt: string; stoppedAt: number; defaultDialect: Dialect; redactor: SecretRedactor; names: UserNames },
): Promise<GradeSummary> {
  const runInfo = createRunInfo('emulate', { startedAt: options.startedAt });
  const entries = emulator.transcript.entries();
  const graded = gradeObserved({
    idScope: emulator.idScope,
    defaultDialect: options.defaultDialect,
    entries,
    redactor: options.redactor,
    stoppedAt: options.stoppedAt,
    names: options.names,
  });
  const results: CheckResult[] = graded.map((result) => options.redactor.redactDeep(result));
  runInfo.finishedAt = new Date().toISOString();
  if (emulator.transcript.dropped > 0) {
    // the oldest exchanges left the capped transcript: their registrations are graded on what remains
    runInfo.incomplete = true;
    runInfo.incompleteReason = `the transcript dropped its ${emulator.transcript.dropped} oldest entries; early registrations may be graded on part of what they did`;
  }
  const written = await writeReportSet(options.out, results, runInfo);
  return { results: results.length, failedMust: results.filter(isBlocking).length, paths: written.paths };
}
