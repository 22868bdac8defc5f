import { sign, verify, type KeyObject } from 'node:crypto';

/** A DSSE envelope (https://github.com/secure-systems-lab/dsse, envelope.md). */
export interface DsseEnvelope {
  payloadType: string;
  /** base64 of the payload bytes */
  payload: string;
  signatures: { keyid: string; sig: string }[];
}

/**
 * DSSE v1 pre-authentication encoding: `DSSEv1 <len(type)> <type> <len(body)> <body>`, lengths in
 * bytes as ASCII decimal. The signature covers this, not the bare payload, so the payload type is bound too.
 */
export function pae(payloadType: string, body: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `), type, Buffer.from(` ${body.length} `), body]);
}

/** Signs a payload into an envelope with an Ed25519 private key. */
export function signEnvelope(payloadType: string, body: Uint8Array, privateKey: KeyObject, keyid: string): DsseEnvelope {
  const sig = sign(null, pae(payloadType, body), privateKey);
  return { payloadType, payload: Buffer.from(body).toString('base64'), signatures: [{ keyid, sig: sig.toString('base64') }] };
}

/** The signatures of an envelope that verify with a public key (any one is enough, DSSE leaves keyid a hint). */
export function verifyingSignatures(envelope: DsseEnvelope, publicKey: KeyObject): DsseEnvelope['signatures'] {
  const message = pae(envelope.payloadType, Buffer.from(envelope.payload, 'base64'));
  return envelope.signatures.filter((s) => {
    try {
      return verify(null, message, publicKey, Buffer.from(s.sig, 'base64'));
    } catch {
      return false;
    }
  });
}
