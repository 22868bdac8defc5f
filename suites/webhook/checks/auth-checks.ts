import { CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import type { CheckDefinition } from '../check-definition.js';
import type { CallJudge } from '../call-judge.js';

/** Function-key protection: a caller without the key is refused. */

export const functionKeyCheck: CheckDefinition = {
  id: 'webhook.auth.functionKey',
  level: 'MUST',
  per: 'dialect',
  title: 'Refuses a request without the function key',
  requirement: 'with --function-key, the same request sent without `code=` is refused with HTTP 401 or 403 (skipped without --function-key)',
};

/** Ends the check `skipped` when the run has no function key to leave out. */
export function skipWithoutFunctionKey(label: string): never {
  throw new CheckSkipped(`${label}: not judged: no --function-key given, so there is no key to leave out`);
}

/** Judges the answer to a request sent without the key (`j.call.withKey` is false). */
export function judgeFunctionKey(j: CallJudge): string {
  const answer = j.answered();
  if (answer.status === 401 || answer.status === 403) return `${j.label}: refused without the key (HTTP ${answer.status})`;
  const accepted = answer.status >= 200 && answer.status < 300;
  return j.fail(
    accepted ? 'accepted-without-key' : 'wrong-status',
    `expected HTTP 401 or 403 for a request without the function key, got HTTP ${answer.status}${accepted ? ' (the webhook accepts anyone)' : ''}`,
    [401, 403],
    answer.status,
  );
}
