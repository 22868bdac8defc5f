import type { Dialect } from '../results/check-result.js';
import { loadCorpus } from '../../suites/corpus/load-corpus.js';
import { corpusSkipReason, deviceDataFor } from '../../suites/corpus/corpus-case.js';
import { allocationRequestFor } from '../../suites/corpus/corpus-request.js';
import type { CorpusCase } from '../../suites/corpus/corpus-case.js';

/** One entry of the load mix: a corpus case in one dialect. */
export interface MixItem {
  caseId: string;
  dialect: Dialect;
  entry: CorpusCase;
}

/**
 * The corpus cases that run in the chosen dialect(s), in corpus order; `all` interleaves the ga and
 * preview lists so both dialects share the load evenly. Load cycles through this list.
 */
export function corpusMix(dialect: Dialect | 'all'): MixItem[] {
  const corpus = loadCorpus();
  const of = (d: Dialect): MixItem[] => corpus.filter((entry) => corpusSkipReason(entry, d) === undefined).map((entry) => ({ caseId: entry.id, dialect: d, entry }));
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

/** A webhook-mode request, built once and sent many times. */
export interface PreparedRequest {
  caseId: string;
  dialect: Dialect;
  text: string;
  linkedHubs: readonly string[];
}

/** The allocation request of every mix item, as DPS would send it to `webhookUrl`. */
export function prepareWebhookRequests(mix: readonly MixItem[], webhookUrl: string): PreparedRequest[] {
  return mix.map((item) => ({
    caseId: item.caseId,
    dialect: item.dialect,
    text: allocationRequestFor(item.entry, item.dialect, webhookUrl).text,
    linkedHubs: item.entry.linkedHubs,
  }));
}

/** An emulator-mode registration body: `{registrationId, payload}` (ga) or `{registrationId, data}` (preview). */
export interface PreparedRegistration {
  caseId: string;
  dialect: Dialect;
  /** the device data as raw JSON text, or undefined when the case sends none */
  dataJson?: string;
}

export function prepareRegistrations(mix: readonly MixItem[]): PreparedRegistration[] {
  return mix.map((item) => {
    const data = deviceDataFor(item.entry, item.dialect);
    return { caseId: item.caseId, dialect: item.dialect, ...(data === undefined ? {} : { dataJson: data.json }) };
  });
}

/** The register body of a device for one prepared registration (data spliced in as sent, every digit kept). */
export function registrationBody(registrationId: string, registration: PreparedRegistration): string {
  const head = `{"registrationId":${JSON.stringify(registrationId)}`;
  if (registration.dataJson === undefined) return `${head}}`;
  return `${head},"${registration.dialect === 'ga' ? 'payload' : 'data'}":${registration.dataJson}}`;
}
