import { isLinkedHub } from './same-host-name.js';
import { JSON_DEPTH_LIMIT, jsonTextDepth } from '../json/json-depth.js';

/** How DPS reads one webhook answer (docs/protocol/webhook.md#what-the-device-sees). */
export type AllocationAnswerVerdict =
  /** 200, a JSON object naming a linked hub */
  | { kind: 'assigned'; hub: string; answer: Record<string, unknown> }
  /** 401: DPS reports 400209 */
  | { kind: 'unauthorized' }
  /** any other status but 200: a refusal (< 429, DPS reports 400207) or a retry (>= 429, the caller's loop) */
  | { kind: 'refused'; status: number }
  /** 200 whose body is not JSON */
  | { kind: 'notJson' }
  /** 200 whose body is JSON but not an object */
  | { kind: 'notObject' }
  /** 200 whose body nests deeper than the limit (JSON_DEPTH_LIMIT by default): not parsed (DPS's own limit is UNCONFIRMED) */
  | { kind: 'tooDeep'; depth: number }
  /** 200 with `iotHubHostName` absent, null or empty: DPS reports 400208 */
  | { kind: 'hubNotSpecified' }
  /** 200 naming a hub that is not linked, or a hub that is not a string */
  | { kind: 'hubNotLinked'; hub: unknown };

/**
 * The one judge of a webhook's allocation answer: the emulator turns the verdict into the device's
 * registration result, load into ok or an error kind. The webhook suite judges the same points in depth
 * and uses the same hub comparison (`isLinkedHub`, without case).
 */
export function judgeAllocationAnswer(
  status: number,
  bodyText: string,
  linkedHubs: readonly string[],
  maxJsonDepth = JSON_DEPTH_LIMIT,
): AllocationAnswerVerdict {
  if (status === 401) return { kind: 'unauthorized' };
  if (status !== 200) return { kind: 'refused', status };
  const depth = jsonTextDepth(bodyText, maxJsonDepth);
  if (depth > maxJsonDepth) return { kind: 'tooDeep', depth: jsonTextDepth(bodyText) };
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return { kind: 'notJson' };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { kind: 'notObject' };
  const answer = body as Record<string, unknown>;
  const hub = answer['iotHubHostName'];
  if (hub === undefined || hub === null || hub === '') return { kind: 'hubNotSpecified' };
  if (typeof hub !== 'string' || !isLinkedHub(hub, linkedHubs)) return { kind: 'hubNotLinked', hub };
  return { kind: 'assigned', hub, answer };
}
