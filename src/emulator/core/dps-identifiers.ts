import { randomBytes, randomInt, randomUUID } from 'node:crypto';

/** Operation id in the observed shape `<digit>.<16 hex>.<uuid>` (FACTS §1); opaque to clients. */
export function newOperationId(): string {
  return `${randomInt(1, 10)}.${randomBytes(8).toString('hex')}.${randomUUID()}`;
}

/** An etag as DPS writes it: base64 of a quoted GUID (FACTS §1). */
export function newEtag(): string {
  return Buffer.from(`"${randomUUID()}"`).toString('base64');
}

/** A fresh ID scope in the observed `0ne` + 8 hex format (FACTS §5). */
export function newIdScope(): string {
  return `0ne${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** A symmetric key as DPS generates them: 64 random bytes, base64 (FACTS §2). */
export function newSymmetricKey(): string {
  return randomBytes(64).toString('base64');
}
