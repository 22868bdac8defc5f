import { certificateSerial } from './certificate-serial.js';
import { publicKeyOf, signingKeyOf, SIGNING_ALGORITHM, x509 } from './x509-crypto.js';

const DAY_MS = 86_400_000;

/** What a certificate says and who signs it; the serial is random and positive (certificate-serial.ts). */
export interface CertificateRequest {
  /** an RFC 4514 name, e.g. `CN=localhost` */
  subject: string;
  /** the signer's name; the subject for a self-signed certificate */
  issuer: string;
  /** the certified key (SPKI PEM) */
  publicPem: string;
  /** the signer's private key (PEM) */
  signingPem: string;
  notBefore: Date;
  notAfter: Date;
  extensions: readonly x509.Extension[];
}

/** The validity of a certificate made now for `days` days, from a day ago (clocks differ). */
export function validFor(days: number, now = Date.now()): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + days * DAY_MS) };
}

/** Signs a certificate (X.509 v3, SHA-256 with RSA); `.toString("pem")` gives its PEM. */
export async function newCertificate(request: CertificateRequest): Promise<x509.X509Certificate> {
  const [publicKey, signingKey] = await Promise.all([publicKeyOf(request.publicPem), signingKeyOf(request.signingPem)]);
  return x509.X509CertificateGenerator.create({
    serialNumber: certificateSerial(),
    subject: request.subject,
    issuer: request.issuer,
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    signingAlgorithm: SIGNING_ALGORITHM,
    publicKey,
    signingKey,
    extensions: [...request.extensions],
  });
}
