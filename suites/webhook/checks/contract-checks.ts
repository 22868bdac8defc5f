import { join } from 'node:path';
import { CheckFailure, CheckNotReached, CheckSkipped, TargetMisbehaviour } from '../../../src/results/check-outcome-errors.js';
import type { NotExercised } from '../../../src/contracts/contract-not-exercised.js';
import { statusMismatch } from './response-checks.js';
import type { Dialect } from '../../../src/results/check-result.js';
import { committedPactsDir } from '../../../src/contracts/committed-pacts.js';
import { readPactFile } from '../../../src/contracts/pact-file.js';
import type { ContractInteractionResult } from '../../../src/contracts/verify-webhook-contract.js';
import { dpsPacticipant, pactFileName, webhookPacticipant } from '../../../contracts/definitions/pacticipants.js';
import type { CheckDefinition } from '../check-definition.js';

/** The check that judges a body too deep to read (response-checks.ts `jsonCheck`). */
const jsonCheckId = 'webhook.response.json';

/** The DPS -> webhook Pact contract of the dialect, verified against the webhook. */
export const pactContractCheck: CheckDefinition = {
  id: 'webhook.contract.pact',
  level: 'MUST',
  per: 'interaction',
  title: 'Pact contract verifies',
  requirement:
    "every interaction of the dialect's DPS -> webhook Pact contract (contracts/pacts), with the --profile applied, verifies against the webhook, " +
    'one result per interaction; an interaction the webhook refuses cleanly (a 4xx) is skipped with the answer quoted, ' +
    'but when it refuses every interaction of the dialect the contract was not exercised, and each fails with the advice to give --profile',
};

/** How the rest of the dialect went, for judging one interaction. */
export interface ContractContext {
  /**
   * the checks of optional members (webhook.response.initialTwin, webhook.returnData.type) that found a
   * defect in the dialect's case answers: an interaction whose only mismatch is that defect is not
   * counted twice (one defect, one cause)
   */
  memberDefectsSeen?: ReadonlySet<string>;
  /** set when the webhook refused every interaction of the dialect (src/contracts/contract-not-exercised.ts) */
  notExercised?: NotExercised;
  /** whether webhook.allocation.accepts failed: the webhook accepted none of the dialect's cases either */
  refusedEveryCase: boolean;
}

/** The interaction descriptions of the dialect's webhook contract, in file order (known before verifying, so each gets its own result). */
export function contractInteractions(dialect: Dialect): string[] {
  const file = join(committedPactsDir(), pactFileName(dpsPacticipant(dialect), webhookPacticipant(dialect)));
  return readPactFile(file).interactions.map((i) => i.description);
}

/** The kind of an interaction's mismatch, named as the case checks name the same defect, for grouping by cause. */
export function contractMismatchKind(result: ContractInteractionResult): string {
  const status = result.evidence.response?.status;
  switch (result.firstPactMismatch) {
    case 'StatusMismatch':
      return status === undefined ? 'wrong-status' : statusMismatch(status);
    case 'BodyTypeMismatch':
      return 'not-json';
    case 'BodyMismatch': {
      let body: unknown;
      try {
        body = JSON.parse(result.evidence.response?.body ?? '');
      } catch {
        return 'not-json';
      }
      const hub = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['iotHubHostName'] : undefined;
      return typeof hub === 'string' && hub !== '' ? 'hub-not-linked' : 'missing-field';
    }
    default:
  }
  const member = result.memberProblems?.[0]?.checkId;
  if (member === 'webhook.response.initialTwin') return 'initial-twin-shape';
  if (member === 'webhook.returnData.type') return 'wrong-type';
  return 'contract-mismatch';
}

/**
 * Ends one interaction's check as the verifier judged it, with `contracts verify`'s judgement of refusals:
 * a refusal is skipped with the answer quoted; when every interaction was refused, the contract was not
 * exercised: each fails with the advice, or, when the webhook refused every case as well, is not reached
 * (webhook.allocation.accepts fails once with the same advice: one defect, one cause).
 */
export function judgeInteraction(label: string, result: ContractInteractionResult | undefined, context: ContractContext): string {
  if (!result) throw new TargetMisbehaviour(`${label}: the verifier returned no result for this interaction`, { mismatch: 'not-verified' });
  if (result.outcome === 'passed') return `${label}: ${result.message}`;
  // the harness's own check judges an answer too deep to read; the verifier never saw it whole
  if (result.tooDeep !== undefined) throw new CheckNotReached(`${label}: not verified: ${result.tooDeep}`, jsonCheckId);
  if (result.outcome === 'skipped') throw new CheckSkipped(`${label}: ${result.message}`);
  if (result.outcome === 'refused') {
    const { notExercised } = context;
    if (!notExercised) throw new CheckSkipped(`${label}: ${result.message}`);
    if (context.refusedEveryCase) {
      throw new CheckNotReached(`${label}: ${result.message}; the webhook accepted none of the dialect's cases either (see webhook.allocation.accepts)`, 'webhook.allocation.accepts');
    }
    throw new CheckFailure(`${label}: ${notExercised.message}`, {
      mismatch: 'refuses-everything',
      expected: 'at least one interaction accepted with HTTP 200',
      actual: { refused: notExercised.refused, interactions: notExercised.total, statuses: notExercised.statuses },
      evidence: result.evidence,
    });
  }
  const members = result.memberProblems ?? [];
  const onlyMembers = members.length > 0 && members.length === result.mismatches.length;
  if (onlyMembers && members.every((m) => context.memberDefectsSeen?.has(m.checkId) === true)) {
    const owners = [...new Set(members.map((m) => m.checkId))].join(', ');
    throw new CheckSkipped(`${label}: not judged here: its answer has the defect ${owners} reports on the dialect's cases (${members[0]?.problem ?? ''})`);
  }
  const details = { mismatch: contractMismatchKind(result), expected: 'the answer the contract describes', actual: result.mismatches, evidence: result.evidence };
  if (result.outcome === 'errored') throw new TargetMisbehaviour(`${label}: ${result.message}`, { ...details, mismatch: 'no-answer' });
  throw new CheckFailure(`${label}: ${result.message}`, details);
}
