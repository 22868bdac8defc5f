// @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs the Reflect metadata API
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

/** Every certificate the emulator makes is RSA 2048 signed with SHA-256 (what DPS's own TLS and the Azure samples use). */
export const SIGNING_ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A WebCrypto signing key from a PEM private key (PKCS#1 or PKCS#8), through node's key parser. */
export function signingKeyOf(privatePem: string): Promise<webcrypto.CryptoKey> {
  const der = createPrivateKey(privatePem).export({ type: 'pkcs8', format: 'der' });
  return webcrypto.subtle.importKey('pkcs8', der, SIGNING_ALGORITHM, false, ['sign']);
}

/** A WebCrypto public key from a PEM public key (SPKI). */
export function publicKeyOf(publicPem: string): Promise<webcrypto.CryptoKey> {
  const der = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  return webcrypto.subtle.importKey('spki', der, SIGNING_ALGORITHM, true, ['verify']);
}

export { x509 };
