/** Merging and comparing runs (`report merge`, `report diff`). Every export is listed by name. */
export { readReport, ctrfPathOf, type LoadedReport } from './read-report.js';
export { expandReportDirs, type ReportDirs } from './report-dirs.js';
export { mergeReports, type MergeOutcome, type Duplicate } from './merge-reports.js';
export { mergeRunInfo, missingShards } from './merge-run-info.js';
export { diffReports, type ReportDiff, type DiffEntry } from './diff-reports.js';
export { resultKey, describeKey } from './result-key.js';
export { formatMergeSummary } from './format-merge-summary.js';
export { formatDiff } from './format-diff.js';
