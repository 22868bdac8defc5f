import { newCertificate, validFor } from '../tls/new-certificate.js';
import { rsaKeysAsync, type PemKeys } from '../tls/rsa-keys.js';
import { publicKeyOf, x509 } from '../tls/x509-crypto.js';

/** A device certificate as an adapter gets it (`attestation: {type: "x509", certPem, keyPem, chainPem}`). */
export interface DeviceCertificate {
  certPem: string;
  keyPem: string;
  /** the issuing chain up to the enrolled CA (empty for a self-signed certificate) */
  chainPem: string;
}

/** The emulator's device CA: what an X.509 enrollment group enrolls (see docs/protocol/x509.md). */
export interface DeviceCa {
  caPem: string;
  /** signs device certificates */
  issue(commonName: string, options?: IssueOptions): Promise<DeviceCertificate>;
}

export interface IssueOptions {
  /** validity in days (default 30); negative makes a certificate that has already expired */
  days?: number;
}

const DAY_MS = 86_400_000;

let deviceKeys: Promise<PemKeys> | undefined;

/**
 * The one RSA key pair of every device certificate this process issues. Each certificate still has
 * its own subject, serial and so thumbprint, which is all DPS and the emulator tell devices apart by;
 * a fresh 2048-bit key for each took a third of a full run's CPU (see docs/performance.md).
 */
function sharedDeviceKeys(): Promise<PemKeys> {
  deviceKeys ??= rsaKeysAsync();
  return deviceKeys;
}

function clientExtensions(): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(false),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
  ];
}

/** `days` of validity from now, or for a negative `days` an expired certificate: valid for one day, ending `-days` days ago. */
function validity(days: number): { notBefore: Date; notAfter: Date } {
  if (days >= 0) return validFor(days);
  const notAfter = new Date(Date.now() + days * DAY_MS);
  return { notBefore: new Date(notAfter.getTime() - DAY_MS), notAfter };
}

/** An RFC 4514 name with one common name (commas, quotes and the like escaped). */
function commonNameOnly(commonName: string): string {
  return new x509.Name([{ CN: [commonName] }]).toString();
}

/** Generates a device CA (5 years) whose `issue` makes leaf certificates with subject CN = registration ID. */
export async function generateDeviceCa(name = 'dps-conformance device CA'): Promise<DeviceCa> {
  const ca = await rsaKeysAsync();
  const caPublicKey = await publicKeyOf(ca.publicPem);
  const subject = new x509.Name([{ CN: [name] }, { O: ['dps-conformance'] }]).toString();
  const caCert = await newCertificate({
    subject,
    issuer: subject,
    publicPem: ca.publicPem,
    signingPem: ca.privatePem,
    ...validFor(1825),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caPublicKey),
    ],
  });
  const caPem = caCert.toString('pem');
  const authorityKeyId = await x509.AuthorityKeyIdentifierExtension.create(caPublicKey);
  return {
    caPem,
    issue: async (commonName, options = {}) => {
      const leaf = await sharedDeviceKeys();
      const cert = await newCertificate({
        subject: commonNameOnly(commonName),
        issuer: subject,
        publicPem: leaf.publicPem,
        signingPem: ca.privatePem,
        ...validity(options.days ?? 30),
        extensions: [...clientExtensions(), authorityKeyId],
      });
      return { certPem: cert.toString('pem'), keyPem: leaf.privatePem, chainPem: caPem };
    },
  };
}

/** A self-signed device certificate (what an individual enrollment enrolls by thumbprint). */
export async function selfSignedDeviceCertificate(commonName: string, options: IssueOptions = {}): Promise<DeviceCertificate> {
  const keys = await sharedDeviceKeys();
  const subject = commonNameOnly(commonName);
  const cert = await newCertificate({
    subject,
    issuer: subject,
    publicPem: keys.publicPem,
    signingPem: keys.privatePem,
    ...validity(options.days ?? 30),
    extensions: clientExtensions(),
  });
  return { certPem: cert.toString('pem'), keyPem: keys.privatePem, chainPem: '' };
}
