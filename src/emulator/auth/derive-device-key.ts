import { createHmac } from 'node:crypto';

/**
 * The device key for a registration in a symmetric-key enrollment group (docs/protocol/sas.md):
 * base64(HMAC-SHA256(key = base64decode(groupKey), message = UTF-8 registrationId)).
 */
export function deriveDeviceKey(groupKey: string, registrationId: string): string {
  return createHmac('sha256', Buffer.from(groupKey, 'base64')).update(registrationId, 'utf8').digest('base64');
}
