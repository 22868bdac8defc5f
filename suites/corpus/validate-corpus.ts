import { getSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { formatReadableErrors } from '../../src/schemas/readable-errors.js';
import { DIALECTS } from '../../src/results/check-result.js';
import { corpusSkipReason, deviceDataFor, type CorpusCase } from './corpus-case.js';

/** A corpus entry with where it came from, for error messages. */
export interface SourcedEntry {
  source: string;
  index: number;
  value: unknown;
}

/**
 * Every problem with a list of corpus entries, one line each (empty = valid): the `harness/corpus`
 * schema, then what a schema cannot say: unique ids, `dataJson` that parses, `exampleMembers` that are
 * members of the data, ga data that is an object (or a skip reason), and no TPM enrollment groups (DPS
 * groups do not take TPM).
 */
export function corpusProblems(entries: readonly SourcedEntry[]): string[] {
  const registry = getSchemaRegistry();
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { source, index, value } of entries) {
    const where = `${source}[${index}]`;
    const outcome = registry.validate('harness/corpus', undefined, value);
    if (!outcome.valid) {
      for (const line of formatReadableErrors(outcome.errors)) problems.push(`${where}: ${line}`);
      continue;
    }
    const entry = value as CorpusCase;
    const at = `${where} (${entry.id})`;
    const first = seen.get(entry.id.toLowerCase());
    if (first !== undefined) problems.push(`${at}: duplicate id, first used at ${first}`);
    seen.set(entry.id.toLowerCase(), where);
    if (entry.dataJson !== undefined) {
      try {
        JSON.parse(entry.dataJson);
      } catch (error) {
        problems.push(`${at}: /dataJson is not JSON text (${error instanceof Error ? error.message : String(error)})`);
        continue;
      }
    }
    if (entry.exampleMembers !== undefined) {
      const data = entry.dataJson === undefined ? entry.data : (JSON.parse(entry.dataJson) as unknown);
      const names = data !== null && typeof data === 'object' && !Array.isArray(data) ? Object.keys(data) : [];
      for (const name of entry.exampleMembers.filter((m) => !names.includes(m))) problems.push(`${at}: /exampleMembers names "${name}", which is not a member of the case's object data`);
    }
    if (entry.enrollment === 'group' && entry.attestation === 'tpm') problems.push(`${at}: DPS enrollment groups do not take TPM attestation; use an individual enrollment`);
    for (const dialect of DIALECTS) {
      if (corpusSkipReason(entry, dialect) !== undefined || dialect !== 'ga') continue;
      const data = deviceDataFor(entry, dialect);
      const isObject = data !== undefined && data.value !== null && typeof data.value === 'object' && !Array.isArray(data.value);
      if (data !== undefined && !isObject) problems.push(`${at}: ga device data must be a JSON object; give a skip.ga reason or drop ga from dialects`);
    }
  }
  return problems;
}
