import { randomBytes } from 'node:crypto';
import type { EmulatorOptions } from '../../../emulator/index.js';
import { invalidConfigError } from '../../../errors/harness-error.js';
import { loadWebhookProfile } from '../../../webhook-profile/load-webhook-profile.js';
import type { WebhookProfile } from '../../../webhook-profile/webhook-profile.js';

/**
 * `device --profile FILE`: the webhook profile of docs/webhook-profiles.md, read for a device run. Its
 * registration ID template must hold `{caseId}`: every registration needs an ID of its own (a shared one
 * would be one device registering again and again, its record mixed with the others').
 */
export function loadDeviceProfile(path: string): WebhookProfile {
  const profile = loadWebhookProfile(path);
  if (profile.registrationId !== undefined && !profile.registrationId.includes('{caseId}')) {
    throw invalidConfigError(path, [`/registrationId: "${profile.registrationId}" has no {caseId}; a device run gives every registration its own ID, made from {caseId}`]);
  }
  return profile;
}

/** The emulator as the profile's policy expects DPS: its linked hubs, and its enrollment group's ID (with a fresh key). */
export function profileEmulatorOptions(profile: WebhookProfile): Pick<EmulatorOptions, 'linkedHubs' | 'enrollments'> {
  return {
    ...(profile.linkedHubs !== undefined ? { linkedHubs: [...profile.linkedHubs] } : {}),
    ...(profile.enrollmentGroupId !== undefined ? { enrollments: [{ groupId: profile.enrollmentGroupId, primaryKey: randomBytes(64).toString('base64') }] } : {}),
  };
}
