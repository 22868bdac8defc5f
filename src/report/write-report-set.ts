import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, relative } from 'node:path';
import type { CheckResult } from '../results/check-result.js';
import type { RunInfo } from '../results/run-info.js';
import { reportWriteError } from '../errors/harness-error.js';
import { formatBadges } from './format/format-badges.js';
import { REPORT_FILES, type ReportFile, type ReportFileOptions } from './format/report-files.js';
import { writeFileAtomic } from './atomic-write.js';

/** A file copied into the report directory beside the reports (a bundled implementation's README that they link to). */
export interface Attachment {
  /** where it goes, relative to the report directory (a plain relative path, no `..`) */
  relativePath: string;
  sourcePath: string;
}

export interface WriteReportSetOptions extends ReportFileOptions {
  /**
   * where to append summary.md for a GitHub Actions job summary; defaults to `$GITHUB_STEP_SUMMARY`;
   * `false` never appends
   */
  stepSummary?: string | false;
  /** the files to write; defaults to the whole report set (REPORT_FILES) */
  files?: readonly ReportFile[];
  /** write `badges/<name>.json` (shields.io endpoint badges); default true */
  badges?: boolean;
  /** files copied beside the reports */
  attachments?: readonly Attachment[];
}

export interface WrittenReportSet {
  /** absolute or as-given paths of the files written, in order */
  paths: string[];
  /** the step summary file appended to, if any */
  stepSummary?: string;
}

/**
 * Writes the report set (ctrf.json, junit.xml, summary.md, ..., badges/) into `outDir`, each file atomically.
 * Used by the report-set reporter at the end of a run and by `report merge` on parsed CTRF. The results
 * must already be post-processed (waivers, redaction): nothing here redacts.
 */
export async function writeReportSet(
  outDir: string,
  results: readonly CheckResult[],
  runInfo: RunInfo,
  options: WriteReportSetOptions = {},
): Promise<WrittenReportSet> {
  const written: WrittenReportSet = { paths: [] };
  // only summary.md is kept past its own write (for the step summary): the others are tens of MB in a big run
  let summary: string | undefined;
  const badgeBaseUrl = options.badgeBaseUrl ?? process.env.DPSC_BADGE_BASE_URL;
  const renderOptions: ReportFileOptions = { ...options, ...(badgeBaseUrl ? { badgeBaseUrl } : {}) };
  // every file is attempted: one that fails (a full disk, a formatter that breaks on what a target
  // sent) must not cost the others, ctrf.json first; the failures are reported together at the end
  const failures: string[] = [];
  try {
    await mkdir(outDir, { recursive: true });
  } catch (error) {
    throw reportWriteError(outDir, error);
  }
  for (const file of options.files ?? REPORT_FILES) {
    const path = join(outDir, file.name);
    try {
      if (file.chunks) await writeFileAtomic(path, file.chunks(results, runInfo, renderOptions));
      else {
        const text = file.render(results, runInfo, renderOptions);
        if (file.name === 'summary.md') summary = text;
        await writeFileAtomic(path, text);
      }
      written.paths.push(path);
    } catch (error) {
      failures.push(`${file.name} (${describeFailure(error)})`);
    }
  }
  for (const attachment of options.attachments ?? []) {
    const path = join(outDir, attachment.relativePath);
    if (!isPlainRelative(attachment.relativePath)) continue;
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFileAtomic(path, await readFile(attachment.sourcePath));
      written.paths.push(path);
    } catch (error) {
      failures.push(`${attachment.relativePath} (${describeFailure(error)})`);
    }
  }
  if (options.badges !== false && results.length > 0) {
    try {
      await mkdir(join(outDir, 'badges'), { recursive: true });
      for (const badge of formatBadges(results)) {
        const path = join(outDir, 'badges', badge.file);
        await writeFileAtomic(path, `${JSON.stringify(badge.endpoint, null, 2)}\n`);
        written.paths.push(path);
      }
    } catch (error) {
      failures.push(`badges/ (${describeFailure(error)})`);
    }
  }
  if (failures.length > 0) {
    const kept = written.paths.length > 0 ? `; written: ${written.paths.map((p) => relative(outDir, p)).join(', ')}` : '';
    throw reportWriteError(outDir, new Error(`could not write ${failures.join(', ')}${kept}`));
  }
  const stepSummary = options.stepSummary ?? process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary && summary !== undefined) {
    try {
      await appendFile(stepSummary, `${summary}\n`);
      written.stepSummary = stepSummary;
    } catch (error) {
      throw reportWriteError(stepSummary, error);
    }
  }
  return written;
}


/** An errno code where there is one (EROFS, ENOSPC), else the error's own message. */
function describeFailure(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof (error as NodeJS.ErrnoException).code === 'string') return String((error as NodeJS.ErrnoException).code);
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** A path that stays inside the report directory: relative, no `..` step. */
function isPlainRelative(path: string): boolean {
  return path !== '' && !isAbsolute(path) && !normalize(path).split(/[\\/]/).includes('..');
}
