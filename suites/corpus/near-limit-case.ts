import { DIALECTS } from '../../src/results/check-result.js';
import { buildAllocationRequest } from '../../src/dps/build-allocation-request.js';
import { applyProfile } from '../../src/webhook-profile/apply-profile.js';
import { EMPTY_PROFILE, type WebhookProfile } from '../../src/webhook-profile/webhook-profile.js';
import type { CorpusCase } from './corpus-case.js';
import { allocationSpecFor } from './corpus-request.js';
import { DEFAULT_LINKED_HUBS } from './default-hubs.js';

/**
 * Size of the allocation request of the near-limit case, in bytes. DPS caps a message at 98 304 bytes
 * (docs/protocol/limits.md); the margin of about 2 KB leaves room for a long webhook URL in the enrollment record and
 * for the reference webhook's echo, which adds its own members around the same data.
 */
export const NEAR_LIMIT_REQUEST_BYTES = 96_000;

export const NEAR_LIMIT_CASE_ID = 'size-near-limit';

/** The model ID the case sends when no profile names one: an example, so a profile's replaces it. */
const EXAMPLE_MODEL_ID = 'dtmi:com:example:Thermostat;1';

/** The filler member's name: `blob`, or a name the profile does not use (the filler is the case's point). */
function fillerName(profile: WebhookProfile): string {
  const taken = new Set(Object.keys(profile.payload ?? {}));
  let name = 'blob';
  for (let n = 2; taken.has(name); n += 1) name = `blob${n}`;
  return name;
}

/** The request's size in the larger dialect, as the run sends it (with the profile applied). */
function requestBytes(entry: CorpusCase, profile: WebhookProfile): number {
  return Math.max(
    ...DIALECTS.map((dialect) => {
      const profiled = applyProfile(allocationSpecFor(entry, dialect), profile, entry.id, entry.exampleMembers);
      if ('notApplicable' in profiled) throw new Error(`near-limit case: ${profiled.notApplicable}`);
      return buildAllocationRequest(profiled.spec, dialect).byteLength;
    }),
  );
}

/**
 * The case whose device data brings the allocation request close to the 96 KB limit. Generated rather
 * than stored: its size depends on the rest of the request, so it is measured, not guessed. It is built
 * around a profile's devices (docs/webhook-profiles.md): the profile's payload members (its modelId
 * instead of the example one) and registration ID and hubs are in the measured request, and the filler
 * takes what is left, so that under a profile the case is still a device of the policy, near the limit.
 */
export function nearLimitCase(profile: WebhookProfile = EMPTY_PROFILE): CorpusCase {
  const filler = fillerName(profile);
  const entry: CorpusCase = {
    id: NEAR_LIMIT_CASE_ID,
    title: `Device data large enough that the allocation request is about ${NEAR_LIMIT_REQUEST_BYTES} bytes (DPS limit 98304)`,
    dialects: ['ga', 'preview'],
    data: { modelId: EXAMPLE_MODEL_ID, [filler]: '' },
    exampleMembers: ['modelId'],
    enrollment: 'group',
    attestation: 'symmetricKey',
    linkedHubs: [...DEFAULT_LINKED_HUBS],
    tags: ['size'],
  };
  const base = requestBytes(entry, profile);
  const pattern = 'dps-conformance near-limit filler 0123456789 ';
  const blob = pattern.repeat(Math.ceil(NEAR_LIMIT_REQUEST_BYTES / pattern.length)).slice(0, Math.max(0, NEAR_LIMIT_REQUEST_BYTES - base));
  entry.data = { modelId: EXAMPLE_MODEL_ID, [filler]: blob };
  return entry;
}
