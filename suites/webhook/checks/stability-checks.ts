import { sameHostName } from '../../../src/dps/same-host-name.js';
import { CheckNotReached, CheckSkipped, isCheckNotReached } from '../../../src/results/check-outcome-errors.js';
import type { CheckDefinition } from '../check-definition.js';
import type { CallJudge } from '../call-judge.js';

/** Deterministic allocation: the same request, the same hub. */

/** How many times the same request is sent again after the first (our choice: see the requirement). */
export const STABLE_REPEATS = 3;

export const stableAllocationCheck: CheckDefinition = {
  id: 'webhook.allocation.stable',
  level: 'SHOULD',
  per: 'case',
  title: 'Same request, same hub',
  requirement:
    `the same request, sent ${STABLE_REPEATS + 1} times in a row, gets the same iotHubHostName every time (DPS retries, and a device that ` +
    're-registers should not move); skipped when the case links one hub or the first answer names none. A random choice among ' +
    `n hubs passes one case with chance (1/n)^${STABLE_REPEATS}; it cannot show that the choice survives a restart or a scale-out`,
};

/** The hub of the first answer; skipped (without more calls) when there is none to compare or only one to pick. */
export function firstHubOrSkip(first: CallJudge): string {
  const hubs = first.planned.request.body['linkedHubs'];
  if (Array.isArray(hubs) && hubs.length < 2)
    throw new CheckSkipped(`${first.label}: not judged: the case links one hub, so every answer names the same one`);
  let hub: unknown;
  try {
    hub = first.responseObject()['iotHubHostName'];
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).replace(`${first.label}: not judged: `, '');
    const reason = `${first.label}: not judged: the first answer has no hub to compare (${why})`;
    if (isCheckNotReached(error)) throw new CheckNotReached(reason, error.blockedBy);
    throw new CheckSkipped(reason);
  }
  if (typeof hub !== 'string' || hub === '')
    throw new CheckSkipped(
      `${first.label}: not judged: the first answer has no iotHubHostName (see webhook.response.hub)`,
    );
  return hub;
}

function hubOf(judge: CallJudge): string | undefined {
  try {
    const hub = judge.responseObject()['iotHubHostName'];
    return typeof hub === 'string' ? hub : undefined;
  } catch {
    return undefined;
  }
}

/** Compares the hubs of the repeated answers to the same request with the first one's. */
export function judgeStableAllocation(firstHub: string, repeats: readonly CallJudge[]): string {
  const hubs = [firstHub];
  for (const repeat of repeats) {
    const answer = repeat.answered();
    const hub = hubOf(repeat);
    if (hub === undefined || !sameHostName(hub, firstHub)) {
      const shown = hub === undefined ? `no hub (HTTP ${answer.status})` : `"${hub}"`;
      return repeat.fail(
        'unstable-allocation',
        `expected the same hub for the same request every time, got "${firstHub}" ` +
          `${hubs.length > 1 ? `${hubs.length} times, then ` : 'then '}${shown} on call ${hubs.length + 1}`,
        firstHub,
        hub ?? null,
      );
    }
    hubs.push(hub);
  }
  const first = repeats[0];
  const label = first?.label ?? '';
  const limits = 'shows no randomness within one run; not that the choice survives a restart';
  return `${label}: ${firstHub} all ${hubs.length} times (${limits})`;
}
