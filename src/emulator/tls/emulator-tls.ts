import { generateKeyPair, generateKeyPairSync, sign } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import { certificateSerial } from './certificate-serial.js';

/** The emulator's TLS material: a private CA and a server certificate it signed. */
export interface EmulatorTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const DAY_MS = 86_400_000;

// forge has this function (x509.js) but its type definitions leave it out
declare module 'node-forge' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace pki {
    function getTBSCertificate(cert: Certificate): asn1.Asn1;
  }
}

/** An RSA key pair as PEM: the private key (PKCS#1) and the public key (SPKI). */
interface PemKeys {
  privatePem: string;
  publicPem: string;
}

const RSA_OPTIONS = { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const;

function rsaKeysSync(): PemKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', RSA_OPTIONS);
  return { privatePem: privateKey, publicPem: publicKey };
}

/** Native key generation off the main thread: two of these run at once on the thread pool. */
function rsaKeys(): Promise<PemKeys> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', RSA_OPTIONS, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ privatePem: privateKey, publicPem: publicKey }))),
  );
}

/**
 * Signs a certificate as forge's `cert.sign(key, sha256)` does, but with node's native RSA: forge
 * builds the TBSCertificate, node signs it (forge's pure-JS RSA took most of the start-up time).
 */
function signNatively(cert: forge.pki.Certificate, privatePem: string): void {
  cert.signatureOid = cert.siginfo.algorithmOid = forge.pki.oids['sha256WithRSAEncryption'] ?? '1.2.840.113549.1.1.11';
  const tbs = forge.asn1.toDer(forge.pki.getTBSCertificate(cert)).getBytes();
  cert.signature = sign('sha256', Buffer.from(tbs, 'binary'), privatePem).toString('binary');
}

function newCertificate(publicPem: string, days: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
  cert.serialNumber = certificateSerial();
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
  return cert;
}

/**
 * Generates a CA (10 years) and a server certificate (1 year) for `localhost`, 127.0.0.1, ::1 and
 * any extra host names or addresses the emulator binds to.
 */
export function generateEmulatorTls(extraNames: readonly string[] = []): EmulatorTls {
  return certificatesFor(rsaKeysSync(), rsaKeysSync(), extraNames);
}

/** The same as generateEmulatorTls, with both keys generated at once off the main thread. */
export async function generateEmulatorTlsAsync(extraNames: readonly string[] = []): Promise<EmulatorTls> {
  const [ca, server] = await Promise.all([rsaKeys(), rsaKeys()]);
  return certificatesFor(ca, server, extraNames);
}

function certificatesFor(ca: PemKeys, server: PemKeys, extraNames: readonly string[]): EmulatorTls {
  const caCert = newCertificate(ca.publicPem, 3650);
  const caName = [{ name: 'commonName', value: 'dps-conformance emulator CA' }, { name: 'organizationName', value: 'dps-conformance' }];
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signNatively(caCert, ca.privatePem);

  const cert = newCertificate(server.publicPem, 365);
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
  signNatively(cert, ca.privatePem);
  return { caPem: forge.pki.certificateToPem(caCert), certPem: forge.pki.certificateToPem(cert), keyPem: server.privatePem };
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
    tls = await generateEmulatorTlsAsync(extraNames);
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
