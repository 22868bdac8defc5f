import assert from 'node:assert/strict';
import { declarationMismatchResults } from '../../src/certify/declaration-mismatch-results.js';
import { narrowToDeclaration, type ImplementationClaims } from '../../src/certify/narrow-to-declaration.js';
import type { StartReply } from '../../src/adapters/protocol-types.js';
import { isBlocking } from '../../src/results/check-result.js';
import type { ImplementationDeclaration } from '../../src/schemas/generated/harness/declaration.js';

const claims: ImplementationClaims = {
  implementation: { name: 'acme-device', version: '2.1.0' },
  dialects: ['ga', 'preview'],
  transports: ['https', 'mqtt'],
  attestations: ['symmetricKey', 'x509'],
};

describe('narrowToDeclaration', () => {
  it('tests exactly what is both declared and claimed', () => {
    const declaration: ImplementationDeclaration = { implementation: { name: 'acme-device', version: '2.1.0' }, dialects: ['ga'], transports: ['mqtt'], attestations: ['x509'] };
    assert.deepEqual(narrowToDeclaration(claims, declaration), { dialects: ['ga'], transports: ['mqtt'], attestations: ['x509'], mismatches: [] });
  });

  it('takes the adapter start reply as it comes', () => {
    const reply: StartReply = { seq: 1, implementation: { name: 'acme-device', version: '2.1.0', language: 'c' }, dialects: ['ga'], transports: ['amqp'], attestations: ['tpm'] };
    assert.deepEqual(narrowToDeclaration(reply, { implementation: { name: 'acme-device', version: '2.1.0' }, dialects: ['ga'] }).transports, ['amqp']);
  });

  it('takes an axis the declaration leaves out from the claims', () => {
    const narrowed = narrowToDeclaration(claims, { implementation: { name: 'acme-device', version: '2.1.0' }, dialects: ['preview'] });
    assert.deepEqual(narrowed.transports, ['https', 'mqtt']);
    assert.deepEqual(narrowed.attestations, ['symmetricKey', 'x509']);
  });

  it('reports a declared item the implementation does not claim, and a different identity, as mismatches', () => {
    const narrowed = narrowToDeclaration(claims, {
      implementation: { name: 'acme-device', version: '2.0.0' },
      dialects: ['ga'],
      transports: ['mqtt', 'amqp'],
      attestations: ['tpm'],
    });
    assert.deepEqual(narrowed.transports, ['mqtt']);
    assert.deepEqual(narrowed.attestations, []);
    assert.deepEqual(
      narrowed.mismatches.map((m) => m.message),
      [
        'declared implementation acme-device@2.0.0, but the implementation reports itself as acme-device@2.1.0',
        'declared transport amqp, but the implementation claims only https, mqtt',
        'declared attestation tpm, but the implementation claims only symmetricKey, x509',
      ],
    );
  });

  it('lets a webhook declaration stand where the webhook claims nothing but http', () => {
    const narrowed = narrowToDeclaration({ transports: ['http'] }, { implementation: { name: 'alloc', version: '1' }, dialects: ['ga', 'preview'], transports: ['http', 'https'] });
    assert.deepEqual(narrowed.dialects, ['ga', 'preview']);
    assert.deepEqual(narrowed.transports, ['http']);
    assert.equal(narrowed.mismatches.length, 1);
  });
});

describe('declarationMismatchResults', () => {
  const declaration: ImplementationDeclaration = { implementation: { name: 'acme-device', version: '2.1.0' }, dialects: ['ga', 'preview'], transports: ['mqtt', 'amqp'] };
  const narrowed = narrowToDeclaration({ ...claims, dialects: ['ga'] }, declaration);

  it('turns each mismatch into errored MUST results in the rows it touches (never a silent skip)', () => {
    const results = declarationMismatchResults(narrowed, declaration);
    assert.deepEqual(
      results.map((r) => [r.checkId, r.transport, r.dialect, r.caseId]),
      [
        ['declaration.dialect', 'mqtt', 'preview', 'declared-preview'],
        ['declaration.transport', 'amqp', 'ga', 'declared-amqp'],
      ],
    );
    assert.ok(results.every((r) => r.outcome === 'errored' && isBlocking(r) && r.mismatch === 'not-claimed'));
    assert.equal(results[1]?.message, 'declared transport amqp, but the implementation claims only https, mqtt');
  });

  it('fills every tested row for an identity mismatch, named by the given implementation', () => {
    const other = narrowToDeclaration({ ...claims, implementation: { name: 'acme-device', version: '9' } }, { implementation: declaration.implementation, dialects: ['ga'], transports: ['https', 'mqtt'] });
    const results = declarationMismatchResults(other, declaration, { name: 'acme-device', version: '9' });
    assert.deepEqual(results.map((r) => `${r.transport} ${r.dialect} ${r.caseId} ${r.implementation.version ?? ''}`), ['https ga declared-acme-device-2.1.0 9', 'mqtt ga declared-acme-device-2.1.0 9']);
  });
});
