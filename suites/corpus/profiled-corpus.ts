import type { Dialect } from '../../src/results/check-result.js';
import { applyProfile, type ProfiledSpec } from '../../src/webhook-profile/apply-profile.js';
import type { WebhookProfile } from '../../src/webhook-profile/webhook-profile.js';
import type { CorpusCase } from './corpus-case.js';
import { allocationSpecFor } from './corpus-request.js';
import { loadCorpus } from './load-corpus.js';
import { NEAR_LIMIT_CASE_ID, nearLimitCase } from './near-limit-case.js';

/**
 * The corpus as a profile's devices make it (docs/webhook-profiles.md): the same entries, with the
 * near-limit case rebuilt around the profile (its members and registration ID measured in, so it stays
 * near the limit). Without payload members, registration ID or hubs, the corpus as it is.
 */
export function profiledCorpus(profile: WebhookProfile): CorpusCase[] {
  const corpus = loadCorpus();
  const changesRequest = Object.keys(profile).some((member) => member !== 'version');
  if (!changesRequest) return corpus;
  return corpus.map((entry) => (entry.id === NEAR_LIMIT_CASE_ID ? nearLimitCase(profile) : entry));
}

/** A corpus case's request in a dialect under a profile, or why it is not applicable under it. */
export function profiledSpecFor(entry: CorpusCase, dialect: Dialect, profile: WebhookProfile, webhookUrl?: string): ProfiledSpec {
  return applyProfile(allocationSpecFor(entry, dialect, webhookUrl), profile, entry.id, entry.exampleMembers);
}
