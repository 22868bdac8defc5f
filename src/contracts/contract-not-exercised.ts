import { PREVIEW_DIALECT_ADVICE, PROFILE_ADVICE } from '../webhook-profile/profile-advice.js';
import type { ContractInteractionResult } from './verify-webhook-contract.js';

/** The advice when a webhook's policy refused every interaction: the same as `webhook.allocation.accepts` gives. */
export const CONTRACT_ADVICE =
  "the webhook's policy accepts none of the contract's devices, so the contract was not exercised: " +
  `${PROFILE_ADVICE}; see docs/webhook-profiles.md`;

/** Why a dialect's contract verification proved nothing, for the dialect's failure. */
export interface NotExercised {
  /** one line: how many were refused, the first refusal, and the advice */
  message: string;
  refused: number;
  total: number;
  /** the HTTP statuses of the refusals, sorted */
  statuses: number[];
}

/**
 * The one judgement, for `contracts verify` and the webhook suite's `webhook.contract.pact`, of a
 * dialect's interactions that the webhook refused: each refusal is the policy's answer (neither passed
 * nor failed), but when the webhook accepted none of them (no HTTP 200) and refused at least one, the
 * contract was not exercised at all, and that is a failure with the advice to give a profile
 * (docs/webhook-profiles.md); with `previewHint` (the preview dialect, when the webhook accepted ga
 * requests or ga was not tested), first the reminder that the preview request is the harness's model,
 * which a GA webhook refuses. Undefined when the contract was exercised, or nothing was refused (the
 * failures then speak for themselves).
 */
export function contractNotExercised(results: readonly ContractInteractionResult[], options: { previewHint?: boolean } = {}): NotExercised | undefined {
  const accepted = results.filter((r) => r.evidence.response?.status === 200).length;
  const refusals = results.filter((r) => r.outcome === 'refused');
  const first = refusals[0];
  if (accepted > 0 || first === undefined) return undefined;
  const statuses = [...new Set(refusals.map((r) => r.refused?.status ?? 0))].sort((a, b) => a - b);
  const urlHint = statuses.includes(404) ? ' (HTTP 404 for everything often means a wrong --url)' : '';
  const firstRefusal = first.message.replace(/^not judged: refused by the webhook: /, '');
  return {
    message:
      `expected the webhook to accept at least one interaction, got ${refusals.length} of ${results.length} refused ` +
      `(first: ${firstRefusal})${urlHint}; ${options.previewHint === true ? `${PREVIEW_DIALECT_ADVICE}; otherwise ` : ''}${CONTRACT_ADVICE}`,
    refused: refusals.length,
    total: results.length,
    statuses,
  };
}
