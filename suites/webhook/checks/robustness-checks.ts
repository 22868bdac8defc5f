import { CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import type { CheckDefinition } from '../check-definition.js';
import type { CallJudge } from '../call-judge.js';
import type { RobustnessBaseline } from '../planned-case.js';
import { describeRefusal, isRefusal } from '../refusal.js';

/**
 * A policy webhook may refuse devices; it may not refuse a device it would accept because of the shape
 * of its data. The baseline is the plainest case a profile's device makes (docs/webhook-profiles.md).
 */

export const robustnessCheck: CheckDefinition = {
  id: 'webhook.robustness.variant',
  level: 'MUST',
  per: 'case',
  title: 'Accepts what differs from the accepted baseline only in shape',
  requirement:
    "when the webhook accepts the baseline case, it also accepts every case that differs from it only in the device data's shape or size, " +
    'unknown request members, or the enrollment or attestation kind (skipped when the baseline is not accepted)',
};

/** Judges a variant's answer against the baseline's (`variant` and `baseline` judge the first call of each). */
export function judgeRobustness(variant: CallJudge, baseline: CallJudge, relation: RobustnessBaseline): string {
  const base = baseline.call.outcome;
  const baseName = `the baseline ${relation.caseId}`;
  if (base.kind !== 'answered') throw new CheckSkipped(`${variant.label}: not judged: ${baseName} got no answer`);
  if (base.status !== 200) {
    const why = isRefusal(base) ? describeRefusal(base) : `answered HTTP ${base.status}`;
    throw new CheckSkipped(
      `${variant.label}: not judged: ${baseName} was not accepted (${why}), so a refusal cannot be told from the policy; ` +
        'give --profile so that the baseline is a device the webhook accepts (docs/webhook-profiles.md)',
    );
  }
  const answer = variant.answered();
  if (answer.status === 200) return `${variant.label}: accepted, like ${baseName} (differs in ${relation.differsIn})`;
  if (!isRefusal(answer))
    throw new CheckSkipped(
      `${variant.label}: not judged: HTTP ${answer.status} is a failure of its own (see webhook.response.status)`,
    );
  return variant.fail(
    'refused-variant',
    `expected the webhook to accept this case, as it accepts ${baseName} and it differs only in ${relation.differsIn}, ` +
      `got it ${describeRefusal(answer)}`,
    'HTTP 200, as for the baseline',
    answer.status,
  );
}
