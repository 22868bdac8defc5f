import { createHmac } from 'node:crypto';

/**
 * The SAS token a symmetric-key device signs its DPS registration with (docs/protocol/sas.md):
 * resource `{idScope}/registrations/{registrationId}`, URL-encoded; string to sign = encoded resource,
 * newline, expiry; HMAC-SHA256 keyed with the base64-decoded device key; `skn=registration`.
 */
export function registrationSasToken(idScope: string, registrationId: string, deviceKey: string, expiresAtSeconds: number): string {
  const resource = encodeURIComponent(`${idScope}/registrations/${registrationId}`);
  const toSign = `${resource}\n${expiresAtSeconds}`;
  const signature = createHmac('sha256', Buffer.from(deviceKey, 'base64')).update(toSign, 'utf8').digest('base64');
  return `SharedAccessSignature sr=${resource}&sig=${encodeURIComponent(signature)}&se=${expiresAtSeconds}&skn=registration`;
}
