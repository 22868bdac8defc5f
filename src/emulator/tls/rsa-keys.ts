import { generateKeyPair, generateKeyPairSync } from 'node:crypto';

/** An RSA 2048 key pair as PEM: the private key (PKCS#1) and the public key (SPKI). */
export interface PemKeys {
  privatePem: string;
  publicPem: string;
}

const RSA_OPTIONS = { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const;

/** Native key generation on the calling thread (about 50 to 150 ms of CPU). */
export function rsaKeysSync(): PemKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', RSA_OPTIONS);
  return { privatePem: privateKey, publicPem: publicKey };
}

/** Native key generation off the main thread, on the thread pool (several run at once). */
export function rsaKeysAsync(): Promise<PemKeys> {
  return new Promise((resolve, reject) =>
    generateKeyPair('rsa', RSA_OPTIONS, (error, publicKey, privateKey) => (error ? reject(error) : resolve({ privatePem: privateKey, publicPem: publicKey }))),
  );
}
