/**
 * Profiles and case files name the device's data `payload`, as the GA API does (and as a GA webhook
 * reads it: `deviceRuntimeContext.payload`). `data`, the 2019 preview's name and the case files' old
 * one, is read as `payload` with a warning that says so ("did you mean"), so that neither file rejects
 * the other's spelling.
 */
export const DEVICE_DATA_MEMBER = 'payload';
const OTHER_NAME = 'data';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Renames `data` to `payload` in `holder` (a profile, or a case of a case file), in place, keeping the
 * member's position. Returns a warning when it did, or a problem (the holder gives both names).
 * `where` is the JSON pointer of the holder, for messages.
 */
export function readDeviceDataMember(holder: unknown, where: string): { warning?: string; problem?: string } {
  if (!isObject(holder) || !Object.hasOwn(holder, OTHER_NAME)) return {};
  if (Object.hasOwn(holder, DEVICE_DATA_MEMBER)) {
    return { problem: `${where}/${OTHER_NAME}: both "${DEVICE_DATA_MEMBER}" and "${OTHER_NAME}" given; device data is "${DEVICE_DATA_MEMBER}": keep one` };
  }
  const entries = Object.entries(holder);
  for (const key of Object.keys(holder)) Reflect.deleteProperty(holder, key);
  for (const [key, value] of entries) holder[key === OTHER_NAME ? DEVICE_DATA_MEMBER : key] = value;
  return {
    warning:
      `${where}/${OTHER_NAME}: read as "${DEVICE_DATA_MEMBER}" (did you mean "${DEVICE_DATA_MEMBER}"? profiles and case files name the device's data ` +
      `"${DEVICE_DATA_MEMBER}", as the GA API does)`,
  };
}

/**
 * The same reading for `validate`, so that it judges a profile or case file as `webhook` reads it: in
 * `document` (of the schema `schema`), `data` becomes `payload` in the profile or in each case.
 */
export function readDeviceDataMembers(schema: string, document: unknown): { warnings: string[]; problems: string[] } {
  const holders: [unknown, string][] = [];
  if (schema === 'harness/webhook-profile') holders.push([document, '']);
  if (schema === 'harness/cases' && isObject(document) && Array.isArray(document['cases'])) {
    document['cases'].forEach((userCase: unknown, index) => holders.push([userCase, `/cases/${index}`]));
  }
  const read = { warnings: [] as string[], problems: [] as string[] };
  for (const [holder, where] of holders) {
    const member = readDeviceDataMember(holder, where);
    if (member.warning !== undefined) read.warnings.push(member.warning);
    if (member.problem !== undefined) read.problems.push(member.problem);
  }
  return read;
}
