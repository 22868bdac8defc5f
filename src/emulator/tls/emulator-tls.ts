import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

/** The emulator's TLS material: a private CA and a server certificate it signed. */
export interface EmulatorTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;

/** An RSA 2048 key pair, generated natively, as forge keys and PEM (also used for device certificates). */
export function rsaKeys(): { forgePrivate: forge.pki.rsa.PrivateKey; forgePublic: forge.pki.rsa.PublicKey; pem: string } {
  // node's native generator is ~100x faster than forge's pure-JS one; forge only signs
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const forgePrivate = forge.pki.privateKeyFromPem(privateKey);
  const forgePublic = forge.pki.setRsaPublicKey(forgePrivate.n, forgePrivate.e);
  return { forgePrivate, forgePublic, pem: privateKey };
}

/** A forge certificate for the key with a random positive serial, valid from a day ago for `days` days. */
export function newCertificate(publicKey: forge.pki.rsa.PublicKey, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  // positive serial: a leading 0 nibble keeps the DER integer positive
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
  return cert;
}

/**
 * Generates a CA (10 years) and a server certificate (1 year) for `localhost`, 127.0.0.1, ::1 and
 * any extra host names or addresses the emulator binds to.
 */
export function generateEmulatorTls(extraNames: readonly string[] = []): EmulatorTls {
  const ca = rsaKeys();
  const caCert = newCertificate(ca.forgePublic, 3650);
  const caName = [{ name: 'commonName', value: 'dps-conformance emulator CA' }, { name: 'organizationName', value: 'dps-conformance' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.forgePrivate, forge.md.sha256.create());

  const server = rsaKeys();
  const cert = newCertificate(server.forgePublic, 365);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caName);
  const names = new Set(['localhost', '127.0.0.1', '::1', ...extraNames.filter((n) => n && n !== '0.0.0.0' && n !== '::')]);
  const altNames = [...names].map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n }));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.forgePrivate, forge.md.sha256.create());
  return { caPem: forge.pki.certificateToPem(caCert), certPem: forge.pki.certificateToPem(cert), keyPem: server.pem };
}

const memo = new Map<string, EmulatorTls>();

/**
 * TLS material for an emulator: from `cacheDir` when it holds a set for the same names, else
 * generated (and written there, key files mode 0600); memoised per process so tests that start many
 * emulators pay for key generation once.
 */
export async function loadOrGenerateTls(extraNames: readonly string[] = [], cacheDir?: string): Promise<EmulatorTls> {
  const key = [...extraNames].sort().join(',');
  const names = join(cacheDir ?? '', 'names.txt');
  if (cacheDir) {
    try {
      if ((await readFile(names, 'utf8')) === key) {
        const [caPem, certPem, keyPem] = await Promise.all(['ca.pem', 'server.pem', 'server-key.pem'].map((f) => readFile(join(cacheDir, f), 'utf8')));
        return { caPem: caPem!, certPem: certPem!, keyPem: keyPem! };
      }
    } catch {
      // no usable cache: generate below
    }
  }
  let tls = memo.get(key);
  if (!tls) {
    tls = generateEmulatorTls(extraNames);
    memo.set(key, tls);
  }
  if (cacheDir) {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(join(cacheDir, 'ca.pem'), tls.caPem);
    await writeFile(join(cacheDir, 'server.pem'), tls.certPem);
    await writeFile(join(cacheDir, 'server-key.pem'), tls.keyPem, { mode: 0o600 });
    await writeFile(names, key);
  }
  return tls;
}
