import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { newCertificate, validFor } from './new-certificate.js';
import { rsaKeysAsync, type PemKeys } from './rsa-keys.js';
import { publicKeyOf, x509 } from './x509-crypto.js';

/** The emulator's TLS material: a private CA and a server certificate it signed. */
export interface EmulatorTls {
  caPem: string;
  certPem: string;
  keyPem: string;
}

const CA_NAME = 'CN=dps-conformance emulator CA, O=dps-conformance';

/**
 * Generates a CA (10 years) and a server certificate (1 year) for `localhost`, 127.0.0.1, ::1 and
 * any extra host names or addresses the emulator binds to; both keys are made at once off the main thread.
 */
export async function generateEmulatorTls(extraNames: readonly string[] = []): Promise<EmulatorTls> {
  const [ca, server] = await Promise.all([rsaKeysAsync(), rsaKeysAsync()]);
  return certificatesFor(ca, server, extraNames);
}

async function certificatesFor(ca: PemKeys, server: PemKeys, extraNames: readonly string[]): Promise<EmulatorTls> {
  const caPublicKey = await publicKeyOf(ca.publicPem);
  const caCert = await newCertificate({
    subject: CA_NAME,
    issuer: CA_NAME,
    publicPem: ca.publicPem,
    signingPem: ca.privatePem,
    ...validFor(3650),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caPublicKey),
    ],
  });
  const names = new Set(['localhost', '127.0.0.1', '::1', ...extraNames.filter((n) => n && n !== '0.0.0.0' && n !== '::')]);
  const altNames = [...names].map((n) => (isIP(n) ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n }));
  const cert = await newCertificate({
    subject: 'CN=localhost',
    issuer: CA_NAME,
    publicPem: server.publicPem,
    signingPem: ca.privatePem,
    ...validFor(365),
    extensions: [
      new x509.BasicConstraintsExtension(false),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(altNames),
      await x509.AuthorityKeyIdentifierExtension.create(caPublicKey),
    ],
  });
  return { caPem: caCert.toString('pem'), certPem: cert.toString('pem'), keyPem: server.privatePem };
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
    tls = await generateEmulatorTls(extraNames);
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
