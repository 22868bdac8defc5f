import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The report directories `report merge` reads, and the directories of an artifact folder that hold no report. */
export interface ReportDirs {
  dirs: string[];
  /** subdirectories of a folder of reports without a ctrf.json: a CI job that uploaded no report */
  withoutReport: string[];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The report directories a user means by the paths given to `report merge`. A directory that holds no
 * ctrf.json but whose subdirectories do stands for its subdirectories, in name order: that is the
 * layout `actions/download-artifact` makes (one directory per artifact), so a CI step can name the
 * parent without a shell to expand a glob. A subdirectory there without a ctrf.json is a job that
 * uploaded no report: it is named, so that the merge says it is incomplete instead of dropping it. Any
 * other path is kept as given, for reading it to name what is missing.
 */
export function expandReportDirs(paths: readonly string[]): ReportDirs {
  const dirs: string[] = [];
  const withoutReport: string[] = [];
  for (const path of paths) {
    if (!isDirectory(path) || existsSync(join(path, 'ctrf.json'))) {
      dirs.push(path);
      continue;
    }
    const subdirectories = readdirSync(path, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(path, entry.name))
      .sort();
    const reports = subdirectories.filter((dir) => existsSync(join(dir, 'ctrf.json')));
    if (reports.length === 0) {
      dirs.push(path);
      continue;
    }
    dirs.push(...reports);
    withoutReport.push(...subdirectories.filter((dir) => !reports.includes(dir)));
  }
  return { dirs, withoutReport };
}
