import { randomBytes } from 'node:crypto';

/**
 * A random certificate serial (16 bytes, as hex) that DER encodes minimally and positive:
 * the first byte is 0x01 to 0x7f. A serial with a leading zero byte before a byte below 0x80 is
 * "illegal padding" to OpenSSL, which then refuses the certificate (it happened about once in 200
 * certificates when the serial was a 0 nibble plus random bytes).
 */
export function certificateSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 1) & 0x7f) | 0x01;
  return bytes.toString('hex');
}
