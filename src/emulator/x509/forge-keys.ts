import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { certificateSerial } from '../tls/certificate-serial.js';

const DAY_MS = 86_400_000;

/** An RSA 2048 key pair for a device certificate, generated natively, as forge keys and PEM. */
export function rsaKeys(): { forgePrivate: forge.pki.rsa.PrivateKey; forgePublic: forge.pki.rsa.PublicKey; pem: string } {
  // node's native generator is far faster than forge's pure-JS one; forge only builds and signs
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgePrivate = forge.pki.privateKeyFromPem(privateKey);
  const forgePublic = forge.pki.setRsaPublicKey(forgePrivate.n, forgePrivate.e);
  return { forgePrivate, forgePublic, pem: privateKey };
}

/** A forge certificate for the key with a random positive serial, valid from a day ago for `days` days. */
export function newCertificate(publicKey: forge.pki.rsa.PublicKey, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = certificateSerial();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
  return cert;
}
