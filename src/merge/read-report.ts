import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCtrf } from '../report/format/parse-ctrf.js';
import { unreadableFileError } from '../errors/harness-error.js';
import { parseJsonText } from '../json/parse-json-file.js';
import type { CheckResult } from '../results/check-result.js';
import type { RunInfo } from '../results/run-info.js';

/** One run's results as read back from its ctrf.json. */
export interface LoadedReport {
  /** the ctrf.json that was read */
  path: string;
  /** what the user named: the report directory or the file */
  source: string;
  results: CheckResult[];
  runInfo: RunInfo;
}

/** The ctrf.json a user means by a path: the file itself, or `ctrf.json` inside a directory. */
export function ctrfPathOf(pathOrDir: string): string {
  try {
    if (statSync(pathOrDir).isDirectory()) return join(pathOrDir, 'ctrf.json');
  } catch {
    // not there: reading it below names the path as given
  }
  return pathOrDir;
}

/**
 * Reads a report directory's (or a file's) ctrf.json. Missing, not JSON (with line and column), or not
 * written by dps-conformance: a HarnessError (exit 2) naming the file.
 */
export function readReport(pathOrDir: string): LoadedReport {
  const path = ctrfPathOf(pathOrDir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadableFileError(path, error);
  }
  // exact: an integer beyond 2^53 in evidence keeps its digits through a merge (docs/contract/reports.md)
  const { results, runInfo } = parseCtrf(parseJsonText(text, path, { exact: true }), path);
  return { path, source: pathOrDir, results, runInfo };
}
