/* Generated from schemas/ by scripts/generate-types.mjs. Do not edit: change the schema and run `npm run generate:types`. */

/**
 * Identifier of a corpus entry or user case; stable across runs, used in results, waivers and report diffs.
 */
export type CaseId = string;

/**
 * Accepted failures for `--waivers FILE`: each waiver matches results by `checkId`, optionally narrowed to one `caseId` and one `implementation` (its name, or the webhook URL without secrets), and stops applying after `expires` (a calendar date, YYYY-MM-DD, inclusive, UTC). Whether a date is in the past is decided by the harness at run time. Unknown members are rejected to catch typos.
 */
export interface WaiversFile {
  version: 1;
  waivers: Waiver[];
}
export interface Waiver {
  /**
   * Stable dotted check id, e.g. `webhook.response.schema`.
   */
  checkId: string;
  reason: string;
  expires: string;
  caseId?: CaseId;
  implementation?: string;
}
