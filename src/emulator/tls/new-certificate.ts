import forge from 'node-forge';
import { certificateSerial } from './certificate-serial.js';

const DAY_MS = 86_400_000;

/** A forge certificate for the key with a random positive serial, valid from a day ago for `days` days. */
export function newCertificate(publicPem: string, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = certificateSerial();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
  return cert;
}
