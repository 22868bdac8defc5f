/** What the report files' renderers take besides the results (format-html.ts extends it). */
export interface ReportFileOptions {
  /** cap for summary.md */
  markdownMaxBytes?: number;
  /** where the report directory is published, for summary.md's badge snippet (docs/badges.md) */
  badgeBaseUrl?: string;
}
