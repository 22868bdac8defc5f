import type { CheckMeta } from '../../runner/check-meta.js';
import { terminalText } from './terminal-text.js';

const list = (values: Iterable<string>): string => [...new Set(values)].sort().join(', ');

/**
 * What a run is about to do, from the checks it planned: how many, against which implementations,
 * transports and dialects, over how many cases. Printed first, before any result.
 */
export function formatPlan(metas: readonly CheckMeta[]): string {
  if (metas.length === 0) return 'plan: no checks to run';
  const implementations = list(metas.map(({ implementation: { name, version } }) => (version === undefined ? name : `${name}@${version}`)));
  const cases = new Set(metas.map((m) => m.caseId)).size;
  return [
    `plan: ${metas.length} checks over ${cases} cases`,
    `  implementations: ${implementations}`,
    `  transports: ${list(metas.map((m) => m.transport))} · dialects: ${list(metas.map((m) => m.dialect))}`,
  ].map(terminalText).join('\n');
}
