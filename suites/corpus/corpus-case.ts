import type { CorpusEntry } from '../../src/schemas/generated/harness/corpus.js';
import type { Dialect } from '../../src/results/check-result.js';

/**
 * One corpus entry (schemas/harness/corpus.schema.json). `dataJson` and `requestExtras` are spelled out
 * here until the generated type includes them.
 */
export type CorpusCase = CorpusEntry & {
  dataJson?: string;
  requestExtras?: {
    topLevel?: Record<string, unknown>;
    deviceRuntimeContext?: Record<string, unknown>;
    enrollment?: Record<string, unknown>;
  };
};

/** Device data as a device sends it: `json` is the exact text (every digit kept), `value` its parse (approximate beyond 2^53). */
export interface DeviceData {
  json: string;
  value: unknown;
}

/** Why a case does not run in a dialect (as ajv keeps per-draft skip lists: skips carry reasons), or undefined when it runs. */
export function corpusSkipReason(entry: CorpusCase, dialect: Dialect): string | undefined {
  if (!entry.dialects.includes(dialect)) return `case ${entry.id} is not defined for the ${dialect} dialect`;
  return entry.skip?.[dialect];
}

/**
 * The device data a device sends for this case in this dialect, or undefined when the device sends none.
 * Throws for a dialect the case skips: ask `corpusSkipReason` first.
 */
export function deviceDataFor(entry: CorpusCase, dialect: Dialect): DeviceData | undefined {
  const reason = corpusSkipReason(entry, dialect);
  if (reason !== undefined) throw new Error(`deviceDataFor: ${reason}`);
  if (entry.dataJson !== undefined) return { json: entry.dataJson, value: JSON.parse(entry.dataJson) as unknown };
  if (!('data' in entry)) return undefined;
  return { json: JSON.stringify(entry.data), value: entry.data };
}

/** The registration ID a case's device uses: `dpsc-` + the case id, within DPS's rules (docs/protocol/identifiers.md). */
export function registrationIdFor(entry: Pick<CorpusCase, 'id'>): string {
  return `dpsc-${entry.id.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 128);
}
