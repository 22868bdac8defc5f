import type { AllocationRequestSpec } from '../dps/build-allocation-request.js';
import { mergeDeviceDataJson } from './merge-device-data.js';
import { expandRegistrationId, type WebhookProfile } from './webhook-profile.js';

/**
 * A corpus case's allocation request as a device of the profile's policy would make it: the profile's
 * registration ID (template), linked hubs, enrollment group ID, and payload members added to object
 * device data. What the case itself is about (its data's shape, its enrollment and attestation kind,
 * reprovisioning, unknown members) is left as it is. See docs/webhook-profiles.md.
 */
export function applyProfile(
  spec: AllocationRequestSpec,
  profile: WebhookProfile,
  caseId: string,
): AllocationRequestSpec {
  const out: AllocationRequestSpec = { ...spec };
  if (profile.registrationId !== undefined) out.registrationId = expandRegistrationId(profile.registrationId, caseId);
  if (profile.linkedHubs !== undefined) out.linkedHubs = [...profile.linkedHubs];
  if (profile.enrollmentGroupId !== undefined) out.enrollmentGroupId = profile.enrollmentGroupId;
  const data = mergeDeviceDataJson(spec.deviceDataJson, profile.payload);
  if (data !== undefined) out.deviceDataJson = data;
  return out;
}
