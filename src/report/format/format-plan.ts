import type { ImplementationRef } from '../../results/check-result.js';
import type { CheckMeta } from '../../runner/check-meta.js';
import { labelOf } from './implementation-label.js';
import { terminalText } from './terminal-text.js';

const list = (values: Iterable<string>): string => [...new Set(values)].sort().join(', ');

/**
 * What a run is about to do, from the checks it planned: how many, against which implementations,
 * transports and dialects (each implementation by its display name), over how many cases. Printed
 * first, before any result.
 */
export function formatPlan(metas: readonly CheckMeta[], label: (implementation: ImplementationRef) => string = labelOf): string {
  if (metas.length === 0) return 'plan: no checks to run';
  const implementations = list(metas.map(({ implementation }) => label(implementation)));
  const cases = new Set(metas.map((m) => m.caseId)).size;
  return [
    `plan: ${metas.length} checks over ${cases} cases`,
    `  implementations: ${implementations}`,
    `  transports: ${list(metas.map((m) => m.transport))} · dialects: ${list(metas.map((m) => m.dialect))}`,
  ].map(terminalText).join('\n');
}
