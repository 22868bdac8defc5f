import { join } from 'node:path';
import { CheckFailure, CheckNotReached, CheckSkipped, TargetMisbehaviour } from '../../../src/results/check-outcome-errors.js';
import { bodySnippet } from '../answer-body.js';
import { whatDpsDoes } from '../refusal.js';
import type { Dialect } from '../../../src/results/check-result.js';
import { committedPactsDir } from '../../../src/contracts/committed-pacts.js';
import { readPactFile } from '../../../src/contracts/pact-file.js';
import type { ContractInteractionResult } from '../../../src/contracts/verify-webhook-contract.js';
import { dpsPacticipant, pactFileName, webhookPacticipant } from '../../../contracts/definitions/pacticipants.js';
import type { CheckDefinition } from '../check-definition.js';

/** The DPS -> webhook Pact contract of the dialect, verified against the webhook. */

/** The check that judges a body too deep to read (response-checks.ts `jsonCheck`). */
const jsonCheckId = 'webhook.response.json';

export const pactContractCheck: CheckDefinition = {
  id: 'webhook.contract.pact',
  level: 'MUST',
  per: 'interaction',
  title: 'Pact contract verifies',
  requirement:
    "every interaction of the dialect's DPS -> webhook Pact contract (contracts/pacts), with the --profile applied, verifies against the webhook, " +
    'one result per interaction; an interaction the webhook refuses cleanly (a 4xx) is skipped with the answer quoted',
};

/** The interaction descriptions of the dialect's webhook contract, in file order (known before verifying, so each gets its own result). */
export function contractInteractions(dialect: Dialect): string[] {
  const file = join(committedPactsDir(), pactFileName(dpsPacticipant(dialect), webhookPacticipant(dialect)));
  return readPactFile(file).interactions.map((i) => i.description);
}

/** Ends one interaction's check as the verifier judged it. */
export function judgeInteraction(label: string, result: ContractInteractionResult | undefined): string {
  if (!result) throw new TargetMisbehaviour(`${label}: the verifier returned no result for this interaction`, { mismatch: 'not-verified' });
  if (result.outcome === 'passed') return `${label}: ${result.message}`;
  // the harness's own check judges an answer too deep to read; the verifier never saw it whole
  if (result.tooDeep !== undefined) throw new CheckNotReached(`${label}: not verified: ${result.tooDeep}`, jsonCheckId);
  if (result.outcome === 'skipped') throw new CheckSkipped(`${label}: ${result.message}`);
  if (result.refused) {
    const text = result.refused.body.trim();
    throw new CheckSkipped(`${label}: not judged: refused by the webhook: HTTP ${result.refused.status}${text === '' ? '' : ` ${bodySnippet(text, 80)}`}`);
  }
  const details = { mismatch: 'contract-mismatch', expected: 'the answer the contract describes', actual: result.mismatches, evidence: result.evidence };
  if (result.outcome === 'errored') throw new TargetMisbehaviour(`${label}: ${result.message}`, { ...details, mismatch: 'no-answer' });
  const status = result.evidence.response?.status;
  const dps = status !== undefined && (status === 401 || status >= 429) ? `: ${whatDpsDoes(status)}` : '';
  throw new CheckFailure(`${label}: ${result.message}${dps}`, details);
}
