import forge from 'node-forge';
import { newCertificate } from '../tls/new-certificate.js';
import { rsaKeysSync, type PemKeys } from '../tls/rsa-keys.js';
import { signNatively } from '../tls/sign-natively.js';

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
  issue(commonName: string, options?: IssueOptions): DeviceCertificate;
}

export interface IssueOptions {
  /** validity in days (default 30); negative makes a certificate that has already expired */
  days?: number;
}

const DAY_MS = 86_400_000;

let deviceKeys: PemKeys | undefined;

/**
 * The one RSA key pair of every device certificate this process issues. Each certificate still has
 * its own subject, serial and so thumbprint, which is all DPS and the emulator tell devices apart by;
 * a fresh 2048-bit key for each took a third of a full run's CPU (see docs/performance.md).
 */
function sharedDeviceKeys(): PemKeys {
  deviceKeys ??= rsaKeysSync();
  return deviceKeys;
}

function clientExtensions(): object[] {
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ];
}

function validity(cert: forge.pki.Certificate, days: number): void {
  if (days >= 0) return;
  // an expired certificate: valid for one day, ending `-days` days ago
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
  cert.validity.notBefore = new Date(cert.validity.notAfter.getTime() - DAY_MS);
}

/** Generates a device CA (5 years) whose `issue` makes leaf certificates with subject CN = registration ID. */
export function generateDeviceCa(name = 'dps-conformance device CA'): DeviceCa {
  const ca = rsaKeysSync();
  const caCert = newCertificate(ca.publicPem, 1825);
  const subject = [{ name: 'commonName', value: name }, { name: 'organizationName', value: 'dps-conformance' }];
  caCert.setSubject(subject);
  caCert.setIssuer(subject);
  caCert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]);
  signNatively(caCert, ca.privatePem);
  const caPem = forge.pki.certificateToPem(caCert);
  return {
    caPem,
    issue: (commonName, options = {}) => {
      const leaf = sharedDeviceKeys();
      const days = options.days ?? 30;
      const cert = newCertificate(leaf.publicPem, Math.max(days, 1));
      validity(cert, days);
      cert.setSubject([{ name: 'commonName', value: commonName }]);
      cert.setIssuer(subject);
      cert.setExtensions([...clientExtensions(), { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() }]);
      signNatively(cert, ca.privatePem);
      return { certPem: forge.pki.certificateToPem(cert), keyPem: leaf.privatePem, chainPem: caPem };
    },
  };
}

/** A self-signed device certificate (what an individual enrollment enrolls by thumbprint). */
export function selfSignedDeviceCertificate(commonName: string, options: IssueOptions = {}): DeviceCertificate {
  const keys = sharedDeviceKeys();
  const days = options.days ?? 30;
  const cert = newCertificate(keys.publicPem, Math.max(days, 1));
  validity(cert, days);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions(clientExtensions());
  signNatively(cert, keys.privatePem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem, chainPem: '' };
}
