import { sameHostName } from '../../../src/dps/same-host-name.js';
import { CheckSkipped } from '../../../src/results/check-outcome-errors.js';
import type { CheckDefinition } from '../check-definition.js';
import type { CallJudge } from '../call-judge.js';

/** Deterministic allocation: the same request, the same hub. */

export const stableAllocationCheck: CheckDefinition = {
  id: 'webhook.allocation.stable',
  level: 'SHOULD',
  per: 'case',
  title: 'Same request, same hub',
  requirement: 'sending the same request twice gets the same iotHubHostName (DPS may retry; a device re-registering should not move)',
};

/** The hub of the first answer; skipped (without a second call) when there is none to compare. */
export function firstHubOrSkip(first: CallJudge): string {
  let hub: unknown;
  try {
    hub = first.responseObject()['iotHubHostName'];
  } catch (error) {
    throw new CheckSkipped(`${first.label}: not judged: the first answer has no hub to compare (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof hub !== 'string' || hub === '') throw new CheckSkipped(`${first.label}: not judged: the first answer has no iotHubHostName (see webhook.response.hub)`);
  return hub;
}

/** Compares the hub of the second answer to the same request with the first one's. */
export function judgeStableAllocation(firstHub: string, second: CallJudge): string {
  const answer = second.answered();
  let secondHub: unknown;
  try {
    secondHub = second.responseObject()['iotHubHostName'];
  } catch {
    secondHub = undefined;
  }
  if (typeof secondHub === 'string' && sameHostName(secondHub, firstHub)) return `${second.label}: ${firstHub} both times`;
  const shown = typeof secondHub === 'string' ? `"${secondHub}"` : `no hub (HTTP ${answer.status})`;
  return second.fail('unstable-allocation', `expected the same hub for the same request twice, got "${firstHub}" then ${shown}`, firstHub, secondHub ?? null);
}
