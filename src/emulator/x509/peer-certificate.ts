import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';

const chains = new WeakMap<TLSSocket, readonly string[] | undefined>();

/**
 * The certificate chain a TLS client presented (base64 DER, leaf first), or undefined when it sent
 * none. Read once per connection. The servers ask for a certificate without requiring one and
 * without verifying it at the TLS layer: the core verifies it against the X.509 enrollments.
 */
export function peerCertificateChain(socket: TLSSocket | undefined): readonly string[] | undefined {
  if (!socket || typeof socket.getPeerCertificate !== 'function') return undefined;
  if (chains.has(socket)) return chains.get(socket);
  const chain: string[] = [];
  let current: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (current && current.raw && current.raw.length > 0) {
    const der = current.raw.toString('base64');
    if (seen.has(der)) break; // a self-signed root is its own issuer
    seen.add(der);
    chain.push(der);
    current = current.issuerCertificate;
  }
  const result = chain.length > 0 ? chain : undefined;
  chains.set(socket, result);
  return result;
}

/** TLS server options that ask devices for a client certificate (X.509 attestation) without requiring one. */
export const REQUEST_CLIENT_CERTIFICATE = { requestCert: true, rejectUnauthorized: false } as const;
