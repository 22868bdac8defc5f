import type { Dialect } from '../../../results/check-result.js';
import type { MixItem } from '../../../load/load-mix.js';
import { loadCorpus } from '../../../../suites/corpus/load-corpus.js';
import { corpusSkipReason, deviceDataFor, type CorpusCase } from '../../../../suites/corpus/corpus-case.js';
import { allocationRequestFor } from '../../../../suites/corpus/corpus-request.js';

function mixItem(entry: CorpusCase, dialect: Dialect): MixItem {
  const data = deviceDataFor(entry, dialect);
  return {
    caseId: entry.id,
    dialect,
    linkedHubs: entry.linkedHubs,
    allocationRequestText: (webhookUrl) => allocationRequestFor(entry, dialect, webhookUrl).text,
    ...(data === undefined ? {} : { dataJson: data.json }),
  };
}

/**
 * The corpus cases that run in the chosen dialect(s), in corpus order; `all` interleaves the ga and
 * preview lists so both dialects share the load evenly. Load cycles through this list.
 */
export function corpusMix(dialect: Dialect | 'all'): MixItem[] {
  const corpus = loadCorpus();
  const of = (d: Dialect): MixItem[] => corpus.filter((entry) => corpusSkipReason(entry, d) === undefined).map((entry) => mixItem(entry, d));
  if (dialect !== 'all') return of(dialect);
  const ga = of('ga');
  const preview = of('preview');
  const mixed: MixItem[] = [];
  for (let i = 0; i < Math.max(ga.length, preview.length); i += 1) {
    const a = ga[i];
    const b = preview[i];
    if (a) mixed.push(a);
    if (b) mixed.push(b);
  }
  return mixed;
}
