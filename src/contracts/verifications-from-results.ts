import { dpsPacticipant, webhookPacticipant } from '../../contracts/definitions/pacticipants.js';
import { DIALECTS, type CheckResult } from '../results/check-result.js';
import type { PactVerification } from './publish-verification.js';

/** The check whose results are the webhook's Pact verification, one per interaction (case `pact: <description>`). */
export const PACT_CHECK_ID = 'webhook.contract.pact';
const CASE_PREFIX = 'pact: ';

/**
 * The Pact verifications a webhook run made, one per dialect that verified any interaction: DPS (the
 * consumer) -> the webhook (the provider). An interaction that failed or errored fails the pact; one
 * that was skipped is left out (it was not verified).
 */
export function verificationsFromResults(results: readonly CheckResult[]): PactVerification[] {
  const verifications: PactVerification[] = [];
  for (const dialect of DIALECTS) {
    const own = results.filter((r) => r.checkId === PACT_CHECK_ID && r.dialect === dialect && r.outcome !== 'skipped');
    if (own.length === 0) continue;
    const testResults = own.map((r) => ({
      interactionDescription: r.caseId.startsWith(CASE_PREFIX) ? r.caseId.slice(CASE_PREFIX.length) : r.caseId,
      success: r.outcome === 'passed',
      ...(r.outcome === 'passed' ? {} : { mismatches: [r.message] }),
    }));
    verifications.push({ consumer: dpsPacticipant(dialect), provider: webhookPacticipant(dialect), success: testResults.every((t) => t.success), testResults });
  }
  return verifications;
}
