import { invalidConfigError } from '../errors/harness-error.js';
import { parseJsonText, readTextFile } from '../json/parse-json-file.js';
import { formatReadableErrors } from '../schemas/readable-errors.js';
import { getSchemaRegistry } from '../schemas/schema-registry.js';
import { expandRegistrationId, isRegistrationId, type WebhookProfile } from './webhook-profile.js';
import { readDeviceDataMember } from './device-data-member.js';

/**
 * Reads a `--profile` file (schemas/harness/webhook-profile.schema.json). Every mistake is a
 * HarnessError (exit 2) that says where: a JSON syntax error with its line and column, a schema error
 * with its JSON pointer, or a registration ID template that cannot make a valid registration ID.
 * `data` is read as `payload` (the name case files used), and `onWarning` hears it ("did you mean").
 */
export function loadWebhookProfile(path: string, onWarning?: (message: string) => void): WebhookProfile {
  const document = parseJsonText(readTextFile(path), path === '-' ? 'standard input' : path);
  const member = readDeviceDataMember(document, '');
  if (member.problem !== undefined) throw invalidConfigError(path, [member.problem]);
  if (member.warning !== undefined) onWarning?.(`${path}: ${member.warning}`);
  const outcome = getSchemaRegistry().validate('harness/webhook-profile', undefined, document);
  if (!outcome.valid) throw invalidConfigError(path, formatReadableErrors(outcome.errors));
  const profile = document as WebhookProfile;
  if (profile.registrationId !== undefined) {
    const sample = expandRegistrationId(profile.registrationId, 'group-symkey-initial');
    if (!isRegistrationId(sample)) {
      throw invalidConfigError(path, [
        `/registrationId: "${profile.registrationId}" makes "${sample}" for case group-symkey-initial, which is not a valid DPS registration ID ` +
          '(at most 128 characters of letters, digits and - . _ :, starting with a letter or digit, ending with a letter, digit or -)',
      ]);
    }
  }
  return profile;
}
