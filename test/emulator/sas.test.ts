import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { deriveDeviceKey, signSasToken, verifySasToken } from '../../src/emulator/index.js';

// docs/protocol/sas.md (concept doc, recomputed) and docs/protocol/webhook.md (tutorial) vectors
const GROUP_KEY = '8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==';
const REG_ID = 'sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6';
const DERIVED = 'Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=';
const ID_SCOPE = '0ne00000A0A';
const SE = 1_700_000_000;
const NOW = SE - 100;

describe('emulator SAS', () => {
  describe('group key derivation (docs/protocol/sas.md, docs/protocol/webhook.md vectors)', () => {
    it('derives the concept-doc device key', () => {
      assert.equal(deriveDeviceKey(GROUP_KEY, REG_ID), DERIVED);
    });

    it('derives the tutorial device keys', () => {
      const tutorial = 'oiK77Oy7rBw8YB6IS6ukRChAw+Yq6GC61RMrPLSTiOOtdI+XDu0LmLuNm11p+qv2I+adqGUdZHm46zXAQdZoOA==';
      assert.equal(deriveDeviceKey(tutorial, 'breakroom499-contoso-tstrsd-007'), 'JC8F96eayuQwwz+PkE7IzjH2lIAjCUnAa61tDigBnSs=');
      assert.equal(deriveDeviceKey(tutorial, 'mainbuilding167-contoso-hpsd-088'), '6uejA9PfkQgmYylj8Zerp3kcbeVrGZ172YLa7VSnJzg=');
    });
  });

  describe('signing (docs/protocol/sas.md computed vectors)', () => {
    it('signs %2F and %2f resources to the documented signatures', () => {
      const upper = signSasToken({ idScope: ID_SCOPE, registrationId: REG_ID, key: DERIVED, expiry: SE, encoding: 'upper' });
      const lower = signSasToken({ idScope: ID_SCOPE, registrationId: REG_ID, key: DERIVED, expiry: SE, encoding: 'lower' });
      assert.match(upper, /sig=t6%2F8JHWQuQgM9mXdYf%2FuIqa3dKECOEk9Rr4WrFV19q0%3D/);
      assert.match(lower, /sig=d0v1ROtrJfDl1lL%2B6Gm6mCyZUBsvFsT3HgNEOWfYmE0%3D/);
      const expected = createHmac('sha256', Buffer.from(DERIVED, 'base64')).update(`${ID_SCOPE}%2Fregistrations%2F${REG_ID}\n${SE}`).digest('base64');
      assert.equal(expected, 't6/8JHWQuQgM9mXdYf/uIqa3dKECOEk9Rr4WrFV19q0=');
    });
  });

  describe('verification', () => {
    const check = { idScope: ID_SCOPE, registrationId: REG_ID, keys: [DERIVED], now: NOW };
    const token = (over: Partial<Parameters<typeof signSasToken>[0]> = {}): string => signSasToken({ idScope: ID_SCOPE, registrationId: REG_ID, key: DERIVED, expiry: SE, ...over });

    for (const encoding of ['upper', 'lower', 'raw'] as const) {
      it(`accepts a token whose resource is encoded ${encoding}`, () => {
        assert.deepEqual(verifySasToken(token({ encoding }), check), { ok: true, keyIndex: 0 });
      });
    }

    it('accepts the docs/protocol/sas.md literal token with %2F', () => {
      const literal = `SharedAccessSignature sr=${ID_SCOPE}%2Fregistrations%2F${REG_ID}&sig=t6%2F8JHWQuQgM9mXdYf%2FuIqa3dKECOEk9Rr4WrFV19q0%3D&se=${SE}&skn=registration`;
      assert.equal(verifySasToken(literal, check).ok, true);
    });

    it('compares the resource case-insensitively', () => {
      assert.equal(verifySasToken(token({ idScope: ID_SCOPE.toLowerCase() }), check).ok, true);
    });

    it('accepts fields in any order', () => {
      const t = token();
      const fields = t.slice('SharedAccessSignature '.length).split('&').reverse().join('&');
      assert.equal(verifySasToken(`SharedAccessSignature ${fields}`, check).ok, true);
    });

    it('rejects an expired token', () => {
      assert.deepEqual(verifySasToken(token(), { ...check, now: SE }), { ok: false, reason: 'token expired' });
    });

    it('rejects a token for another registration', () => {
      const other = token({ registrationId: 'other-device' });
      assert.equal(verifySasToken(other, check).ok, false);
    });

    it('rejects a token signed with another key', () => {
      const wrong = token({ key: Buffer.alloc(32, 1).toString('base64') });
      assert.deepEqual(verifySasToken(wrong, check), { ok: false, reason: 'signature does not match' });
    });

    it('accepts a token without skn by default (as DPS does) and rejects it when skn is required', () => {
      const noSkn = token({ keyName: null });
      assert.equal(verifySasToken(noSkn, check).ok, true);
      assert.deepEqual(verifySasToken(noSkn, { ...check, requireKeyName: true }), { ok: false, reason: 'token lacks skn' });
    });

    it('rejects a wrong skn, a missing token and garbage', () => {
      assert.equal(verifySasToken(token({ keyName: 'owner' }), check).ok, false);
      assert.equal(verifySasToken(undefined, check).ok, false);
      assert.equal(verifySasToken('Bearer abc', check).ok, false);
      assert.equal(verifySasToken('SharedAccessSignature sr=%E0%A4%A&sig=%%%&se=x', check).ok, false);
    });

    it('tries every key (primary, then secondary)', () => {
      const second = Buffer.alloc(32, 7).toString('base64');
      assert.deepEqual(verifySasToken(token({ key: second }), { ...check, keys: [DERIVED, second] }), { ok: true, keyIndex: 1 });
    });
  });
});
