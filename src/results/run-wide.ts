/**
 * The caseId of a result that judges a whole run of one implementation x transport x dialect (latency
 * over every answer, the function-key check, "accepts some device") rather than one case: it names no
 * case, and reports show it as run-wide.
 */
export const RUN_WIDE_CASE_ID = 'all-cases';

/** Whether a result is run-wide (judges no single case). */
export function isRunWide(result: { caseId: string }): boolean {
  return result.caseId === RUN_WIDE_CASE_ID;
}
