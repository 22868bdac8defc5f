import { sign } from 'node:crypto';
import forge from 'node-forge';

// forge has this function (x509.js) but its type definitions leave it out
declare module 'node-forge' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace pki {
    function getTBSCertificate(cert: Certificate): asn1.Asn1;
  }
}

/**
 * Signs a certificate as forge's `cert.sign(key, sha256)` does, but with node's native RSA: forge
 * builds the TBSCertificate, node signs it (forge's pure-JS RSA is tens of times slower).
 */
export function signNatively(cert: forge.pki.Certificate, privatePem: string): void {
  cert.signatureOid = cert.siginfo.algorithmOid = forge.pki.oids['sha256WithRSAEncryption'] ?? '1.2.840.113549.1.1.11';
  const tbs = forge.asn1.toDer(forge.pki.getTBSCertificate(cert)).getBytes();
  cert.signature = sign('sha256', Buffer.from(tbs, 'binary'), privatePem).toString('binary');
}
