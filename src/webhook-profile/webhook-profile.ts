import type { WebhookProfile } from '../schemas/generated/harness/webhook-profile.js';

export type { WebhookProfile };

/** The profile a run without `--profile` uses: nothing changed (see docs/webhook-profiles.md). */
export const EMPTY_PROFILE: WebhookProfile = { version: 1 };

/** Characters a DPS registration ID may hold (docs/protocol/identifiers.md): others become `-`. */
const NOT_IN_REGISTRATION_ID = /[^a-z0-9._:-]/g;

/** Whether a text is a registration ID DPS takes: 1..128 characters, alphanumeric first, alphanumeric or `-` last. */
export function isRegistrationId(text: string): boolean {
  return text.length <= 128 && /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,126}[A-Za-z0-9-])?$/.test(text);
}

/** `{caseId}` in the template becomes the case id, lowercased, with characters an ID cannot hold replaced by `-`. */
export function expandRegistrationId(template: string, caseId: string): string {
  const id = caseId.toLowerCase().replace(NOT_IN_REGISTRATION_ID, '-');
  return template.split('{caseId}').join(id);
}
