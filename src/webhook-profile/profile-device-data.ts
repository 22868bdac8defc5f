import { isDeepStrictEqual } from 'node:util';
import { parseJson } from '../json/parse-json.js';
import type { JsonValue } from '../json/json-value.js';
import { rawJsonMember } from '../json/raw-json-member.js';

/** A profile member the case also sends, with another value, where that value is the case's point. */
export interface MemberConflict {
  member: string;
  /** the case's own value, as raw JSON text */
  caseValue: string;
  /** the profile's value, as JSON text */
  profileValue: string;
}

/** The device data a case sends under a profile, or why the case cannot keep its point under it. */
export type ProfiledDeviceData = { json: string | undefined } | { conflicts: MemberConflict[] };

function isObject(value: JsonValue): value is { [key: string]: JsonValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether the case's value (lossless) is the profile's value (plain JSON), so nothing changes. */
function sameValue(caseValue: JsonValue | undefined, profileValue: unknown): boolean {
  if (caseValue === undefined) return false;
  return isDeepStrictEqual(JSON.parse(JSON.stringify(caseValue, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))), profileValue);
}

/**
 * A case's device data (raw JSON text) as a device of the profile's policy sends it
 * (docs/webhook-profiles.md, "Which value wins"): the profile's payload members are in every object
 * data, with the profile's values, because the policy defines its devices (a modelId router refuses
 * any other model). Where the case sends a member of the same name with another value:
 * - a member the corpus marks as an example (`exampleMembers`: any modelId will do) takes the profile's value;
 * - any other member is the case's point (its accented text, its big integer): the case cannot be sent
 *   without losing it, so the conflicts come back and the case is not applicable under this profile.
 * The case's own members keep their exact text (every digit). Data that is absent or not a JSON object
 * comes back unchanged: its point is that shape, and refusing such a device can be a policy.
 */
export function profileDeviceData(
  json: string | undefined,
  members: Record<string, unknown> | undefined,
  exampleMembers: readonly string[] = [],
): ProfiledDeviceData {
  if (json === undefined || members === undefined) return { json };
  const value = parseJson(json);
  if (!isObject(value)) return { json };
  const named = Object.entries(members);
  const replaced = named.filter(([key, member]) => Object.hasOwn(value, key) && !sameValue(value[key], member));
  const conflicts = replaced
    .filter(([key]) => !exampleMembers.includes(key))
    .map(([key, member]) => ({ member: key, caseValue: rawJsonMember(json, [key]) ?? 'null', profileValue: JSON.stringify(member) }));
  if (conflicts.length > 0) return { conflicts };
  const added = named.filter(([key]) => !Object.hasOwn(value, key));
  if (added.length === 0 && replaced.length === 0) return { json };
  const head = [...added, ...replaced].map(([key, member]) => `${JSON.stringify(key)}:${JSON.stringify(member)}`);
  if (replaced.length === 0) {
    // only additions: the case's text stays exactly as written behind them
    const inner = json.trim().slice(1).trimStart();
    return { json: `{${head.join(',')}${inner.startsWith('}') ? '' : ','}${inner}` };
  }
  // a replaced example member: the case's other members are copied as raw text, each once
  const gone = new Set(replaced.map(([key]) => key));
  const kept = Object.keys(value)
    .filter((key) => !gone.has(key))
    .map((key) => `${JSON.stringify(key)}:${rawJsonMember(json, [key]) ?? 'null'}`);
  return { json: `{${[...head, ...kept].join(',')}}` };
}

/** `the profile sets "name" to "Joe", and this case sends "name": "Café Müller"`, for a skip reason. */
export function describeConflicts(conflicts: readonly MemberConflict[]): string {
  const clip = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);
  return conflicts
    .map((c) => `the profile's payload sets "${c.member}" to ${clip(c.profileValue)} and this case's point is its own ${clip(c.caseValue)}`)
    .join('; ');
}
