import type { Dialect } from '../../../results/check-result.js';
import type { MixItem } from '../../../load/load-mix.js';
import { buildAllocationRequest } from '../../../dps/build-allocation-request.js';
import { invalidConfigError } from '../../../errors/harness-error.js';
import { applyProfile } from '../../../webhook-profile/apply-profile.js';
import { loadWebhookProfile } from '../../../webhook-profile/load-webhook-profile.js';
import {
  EMPTY_PROFILE,
  expandRegistrationId,
  isRegistrationId,
  type WebhookProfile,
} from '../../../webhook-profile/webhook-profile.js';
import { loadCorpus } from '../../../../suites/corpus/load-corpus.js';
import { corpusSkipReason, type CorpusCase } from '../../../../suites/corpus/corpus-case.js';
import { allocationSpecFor } from '../../../../suites/corpus/corpus-request.js';

/** A `--profile` and where it came from (for the error that names a bad registration ID). */
export interface MixProfile {
  profile: WebhookProfile;
  source: string;
}

/** Reads a `--profile` file (the webhook suite's loader and schema); undefined without one. */
export function readMixProfile(path: string | undefined): MixProfile | undefined {
  return path === undefined ? undefined : { profile: loadWebhookProfile(path), source: path };
}

function mixItem(entry: CorpusCase, dialect: Dialect, profile: WebhookProfile): MixItem {
  // the webhook suite's way (plan-webhook-run.ts): the corpus case's request, then the profile's changes
  const specFor = (webhookUrl?: string): ReturnType<typeof allocationSpecFor> =>
    applyProfile(allocationSpecFor(entry, dialect, webhookUrl), profile, entry.id);
  const spec = specFor();
  return {
    caseId: entry.id,
    dialect,
    linkedHubs: spec.linkedHubs,
    allocationRequestText: (webhookUrl) => buildAllocationRequest(specFor(webhookUrl), dialect).text,
    ...(spec.deviceDataJson === undefined ? {} : { dataJson: spec.deviceDataJson }),
  };
}

/**
 * The corpus cases that run in the chosen dialect(s), in corpus order, with a `--profile`'s changes
 * (registration ID, linked hubs, enrollment group, payload members: docs/webhook-profiles.md); `all`
 * interleaves the ga and preview lists so both dialects share the load evenly. Load cycles through this list.
 */
export function corpusMix(dialect: Dialect | 'all', given?: MixProfile): MixItem[] {
  const corpus = loadCorpus();
  const profile = given?.profile ?? EMPTY_PROFILE;
  const of = (d: Dialect): MixItem[] =>
    corpus.filter((entry) => corpusSkipReason(entry, d) === undefined).map((entry) => mixItem(entry, d, profile));
  const template = given?.profile.registrationId;
  if (given && template !== undefined) {
    // the loader checked the template on one case; every case's ID must be one DPS takes, before anything is sent
    const bad = corpus
      .map((entry) => ({ id: entry.id, made: expandRegistrationId(template, entry.id) }))
      .filter((e) => !isRegistrationId(e.made));
    if (bad.length > 0) {
      throw invalidConfigError(
        given.source,
        bad
          .slice(0, 5)
          .map((e) => `/registrationId: makes "${e.made}" for case ${e.id}, which is not a valid DPS registration ID`),
      );
    }
  }
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
