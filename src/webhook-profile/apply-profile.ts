import type { AllocationRequestSpec } from '../dps/build-allocation-request.js';
import { describeConflicts, profileDeviceData } from './profile-device-data.js';
import { expandRegistrationId, type WebhookProfile } from './webhook-profile.js';

/** A case's request under a profile, or why the case is not applicable under it (a skip reason). */
export type ProfiledSpec = { spec: AllocationRequestSpec } | { notApplicable: string };

/**
 * A corpus case's allocation request as a device of the profile's policy would make it: the profile's
 * registration ID (template), linked hubs, enrollment group ID, and payload members with the profile's
 * values in object device data (`exampleMembers` are the case's members any value will do for).
 * What the case itself is about (its data's shape, its enrollment and attestation kind,
 * reprovisioning, unknown members) is left as it is; a case whose point is a member the profile sets
 * otherwise is not applicable under the profile. See docs/webhook-profiles.md.
 */
export function applyProfile(
  spec: AllocationRequestSpec,
  profile: WebhookProfile,
  caseId: string,
  exampleMembers: readonly string[] = [],
): ProfiledSpec {
  const out: AllocationRequestSpec = { ...spec };
  if (profile.registrationId !== undefined) out.registrationId = expandRegistrationId(profile.registrationId, caseId);
  if (profile.linkedHubs !== undefined) out.linkedHubs = [...profile.linkedHubs];
  if (profile.enrollmentGroupId !== undefined) out.enrollmentGroupId = profile.enrollmentGroupId;
  const data = profileDeviceData(spec.deviceDataJson, profile.payload, exampleMembers);
  if ('conflicts' in data) return { notApplicable: `not applicable under this profile: ${describeConflicts(data.conflicts)}` };
  if (data.json !== undefined) out.deviceDataJson = data.json;
  return { spec: out };
}
