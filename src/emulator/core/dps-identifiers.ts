import { randomBytes, randomUUID } from 'node:crypto';

/** Operation id in the observed shape `<digit>.<16 hex>.<uuid>` (docs/protocol/https.md); opaque to clients. */
export function newOperationId(): string {
  // randomUUID draws from a buffered pool; randomInt and randomBytes each cost a call into the CSPRNG, on every register
  // (hex 12 is the UUID version and hex 16 the variant: fixed, so left out)
  const extra = randomUUID().replace(/-/g, '');
  return `${(parseInt(extra.slice(13, 15), 16) % 9) + 1}.${extra.slice(0, 12)}${extra.slice(17, 21)}.${randomUUID()}`;
}

/** An etag as DPS writes it: base64 of a quoted GUID (docs/protocol/https.md). */
export function newEtag(): string {
  return Buffer.from(`"${randomUUID()}"`).toString('base64');
}

/** A fresh ID scope in the observed `0ne` + 8 hex format (docs/protocol/identifiers.md). */
export function newIdScope(): string {
  return `0ne${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** A symmetric key as DPS generates them: 64 random bytes, base64 (docs/protocol/sas.md). */
export function newSymmetricKey(): string {
  return randomBytes(64).toString('base64');
}
