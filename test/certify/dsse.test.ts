import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { pae, signEnvelope, verifyingSignatures } from '../../src/certify/dsse.js';

describe('DSSE', () => {
  it('encodes PAE as in the DSSE specification example', () => {
    assert.equal(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString(), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
  });

  it('counts lengths in bytes, not characters', () => {
    assert.equal(pae('t', Buffer.from('é', 'utf8')).toString('utf8'), 'DSSEv1 1 t 2 é');
  });

  it('signs and verifies an envelope with Ed25519, and the payload type is bound too', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const envelope = signEnvelope('application/x', Buffer.from('{}'), privateKey, 'k');
    assert.equal(envelope.payload, Buffer.from('{}').toString('base64'));
    assert.equal(verifyingSignatures(envelope, publicKey).length, 1);
    assert.equal(verifyingSignatures({ ...envelope, payloadType: 'application/y' }, publicKey).length, 0);
    assert.equal(verifyingSignatures(envelope, generateKeyPairSync('ed25519').publicKey).length, 0);
  });
});
