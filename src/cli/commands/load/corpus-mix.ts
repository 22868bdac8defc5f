import type { Dialect } from '../../../results/check-result.js';
import type { MixItem } from '../../../load/load-mix.js';
import { buildAllocationRequest } from '../../../dps/build-allocation-request.js';
import { invalidConfigError } from '../../../errors/harness-error.js';
import { loadWebhookProfile } from '../../../webhook-profile/load-webhook-profile.js';
import {
  EMPTY_PROFILE,
  expandRegistrationId,
  isRegistrationId,
  type WebhookProfile,
} from '../../../webhook-profile/webhook-profile.js';
import { corpusSkipReason, type CorpusCase } from '../../../../suites/corpus/corpus-case.js';
import type { AllocationRequestSpec } from '../../../dps/build-allocation-request.js';
import { profiledCorpus, profiledSpecFor } from '../../../../suites/corpus/profiled-corpus.js';

/** A `--profile` and where it came from (for the error that names a bad registration ID). */
export interface MixProfile {
  profile: WebhookProfile;
  source: string;
}

/** Reads a `--profile` file (the webhook suite's loader and schema); undefined without one. */
export function readMixProfile(path: string | undefined, onWarning?: (message: string) => void): MixProfile | undefined {
  return path === undefined ? undefined : { profile: loadWebhookProfile(path, onWarning), source: path };
}

/** A case's load item, or undefined when the case is not applicable under the profile (the webhook suite skips it too). */
function mixItem(entry: CorpusCase, dialect: Dialect, profile: WebhookProfile): MixItem | undefined {
  // the webhook suite's way (plan-webhook-run.ts): the corpus case's request as the profile's devices make it
  const profiledFor = (webhookUrl?: string): ReturnType<typeof profiledSpecFor> => profiledSpecFor(entry, dialect, profile, webhookUrl);
  const first = profiledFor();
  if ('notApplicable' in first) return undefined;
  const { spec } = first;
  const specFor = (webhookUrl?: string): AllocationRequestSpec => {
    const profiled = profiledFor(webhookUrl);
    return 'spec' in profiled ? profiled.spec : spec;
  };
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
 * (registration ID, linked hubs, enrollment group, payload members: docs/webhook-profiles.md; a case not
 * applicable under the profile is left out, as the webhook suite skips it); `all`
 * interleaves the ga and preview lists so both dialects share the load evenly. Load cycles through this list.
 */
export function corpusMix(dialect: Dialect | 'all', given?: MixProfile): MixItem[] {
  const profile = given?.profile ?? EMPTY_PROFILE;
  const corpus = profiledCorpus(profile);
  const of = (d: Dialect): MixItem[] =>
    corpus.filter((entry) => corpusSkipReason(entry, d) === undefined).flatMap((entry) => mixItem(entry, d, profile) ?? []);
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
