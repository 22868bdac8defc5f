import type { Dialect } from '../results/check-result.js';

/** Where each dialect puts the device data and the returned data (docs/contract/dialects.md). */
const MEMBERS: Record<Dialect, ReadonlyArray<readonly string[]>> = {
  ga: [['payload'], ['deviceRuntimeContext', 'payload'], ['registrationState', 'payload']],
  preview: [['data'], ['returnData'], ['deviceRuntimeContext', 'data'], ['registrationState', 'returnData']],
};

function has(document: unknown, path: readonly string[]): boolean {
  let node: unknown = document;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/**
 * Members of the other dialect's vocabulary in a document checked against `dialect`'s schema, as JSON
 * pointers (`/returnData`). The schemas allow unknown members (DPS ignores them), so such a document is
 * valid and yet carries its data where this dialect's DPS would not look: worth a warning.
 */
export function otherDialectMembers(document: unknown, dialect: Dialect): string[] {
  const other: Dialect = dialect === 'ga' ? 'preview' : 'ga';
  const own = new Set(MEMBERS[dialect].map((path) => path.join('/')));
  return MEMBERS[other].filter((path) => !own.has(path.join('/')) && has(document, path)).map((path) => `/${path.join('/')}`);
}

/** How a dialect names its data members, for the warning's wording. */
export const DIALECT_MEMBERS: Record<Dialect, string> = {
  ga: '`payload` (device data and returned data alike)',
  preview: '`data` for device data and `returnData` for returned data',
};
