import { parseLosslessJson } from '../adapters/lossless-json.js';

/**
 * Adds a profile's payload members to device data given as raw JSON text, without re-serialising the
 * case's own data (its exact digits and number forms are what some cases test). The case's members win
 * where both name one. Data that is not a JSON object, or absent, comes back unchanged.
 */
export function mergeDeviceDataJson(
  json: string | undefined,
  members: Record<string, unknown> | undefined,
): string | undefined {
  if (json === undefined || members === undefined) return json;
  const value = parseLosslessJson(json);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return json;
  const added = Object.entries(members).filter(([key]) => !Object.hasOwn(value, key));
  if (added.length === 0) return json;
  const inner = json.trim().slice(1).trimStart();
  const head = added.map(([key, member]) => `${JSON.stringify(key)}:${JSON.stringify(member)}`).join(',');
  return `{${head}${inner.startsWith('}') ? '' : ','}${inner}`;
}
