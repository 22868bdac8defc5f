import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HarnessError, HarnessErrorCode, unreadableFileError } from '../errors/harness-error.js';

const isInlinePem = (value: string): boolean => value.trimStart().startsWith('-----BEGIN');

/** The PEM text of a key option: a file path, or the PEM itself (handy from a CI secret). */
function readPem(pathOrPem: string): { pem: string; label: string } {
  if (isInlinePem(pathOrPem)) return { pem: pathOrPem, label: 'the key given inline' };
  try {
    return { pem: readFileSync(pathOrPem, 'utf8'), label: pathOrPem };
  } catch (error) {
    throw unreadableFileError(pathOrPem, error);
  }
}

function badKey(label: string, why: string): HarnessError {
  // never quote the content: it holds a key
  return new HarnessError(HarnessErrorCode.INVALID_CONFIG, `${label} ${why}`, { path: label });
}

function requireEd25519(key: KeyObject, label: string, kind: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw badKey(label, `is a ${key.asymmetricKeyType ?? 'unknown'} ${kind} key; dps-conformance signs with Ed25519 (openssl genpkey -algorithm ed25519)`);
  }
  return key;
}

/** Parses an unencrypted Ed25519 private key from PEM text; `label` names it in errors (never the content). */
export function parseSigningKey(pem: string, label = 'the signing key'): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // OpenSSL 3 reports a missing passphrase as "interrupted or cancelled"; the PEM header is the reliable sign
    const encrypted = /BEGIN ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(pem) || /PASSPHRASE|DECRYPT/i.test(code);
    throw badKey(label, encrypted ? 'is an encrypted private key; give an unencrypted one (keep it in a CI secret)' : 'is not a PEM private key');
  }
  return requireEd25519(key, label, 'private');
}

/** Reads the `--sign KEY` file (or inline PEM): an unencrypted Ed25519 private key. Anything else is a HarnessError (exit 2). */
export function loadSigningKey(pathOrPem: string): KeyObject {
  const { pem, label } = readPem(pathOrPem);
  return parseSigningKey(pem, label);
}

/** A PEM that holds a private key (any kind, encrypted or not): what must never be handed to a verifier. */
function holdsPrivateKey(pem: string): boolean {
  if (/-----BEGIN (?:[A-Z0-9]+ )?(?:ENCRYPTED )?PRIVATE KEY-----/.test(pem)) return true;
  try {
    createPrivateKey(pem);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads a `--public-key PEM` file (or inline PEM). A private key is refused (exit 2): a customer checks a
 * vendor's results with the vendor's public key, and a private key given here means it left the vendor.
 */
export function loadPublicKey(pathOrPem: string): KeyObject {
  const { pem, label } = readPem(pathOrPem);
  if (holdsPrivateKey(pem)) {
    throw badKey(label, "is a private key; --public-key takes the signer's public key (openssl pkey -in KEY -pubout -out KEY.pub.pem). Keep the private key with the signer and never pass it to the party that verifies");
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw badKey(label, 'is not a PEM public key');
  }
  return requireEd25519(key, label, 'public');
}

/** The key id written in the envelope: `sha256:<hex>` of the public key's SPKI DER, the same for both halves. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;
}
