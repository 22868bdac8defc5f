import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';
import { newCertificate } from './new-certificate.js';
import { rsaKeysAsync, rsaKeysSync, type PemKeys } from './rsa-keys.js';
import { signNatively } from './sign-natively.js';

/** The emulator's TLS material: a private CA and a server certificate it signed. */
export interface EmulatorTls {
  caPem: string;
  certPem: string;
  keyPem: string;
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
  const [ca, server] = await Promise.all([rsaKeysAsync(), rsaKeysAsync()]);
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
