import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { signSasToken, verifySasToken } from '../../src/emulator/index.js';
import { repoRoot } from '../helpers/run-cli.js';

const idScope = '0ne00000A0A';
const registrationId = 'sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6';
const key = 'Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=';
const expiry = 4_000_000_000;
const now = 1_700_000_000;

/** The token with its signature replaced by `sig` (URL-encoded as a device would send it). */
function withSig(sig: string): string {
  return signSasToken({ idScope, registrationId, key, expiry }).replace(/sig=[^&]+/, `sig=${encodeURIComponent(sig)}`);
}

describe('security: SAS signatures are compared in constant time', () => {
  const original = crypto.timingSafeEqual;
  const calls: Array<[number, number]> = [];
  before(() => {
    // the verifier imports timingSafeEqual by name: patch the builtin and sync its ESM exports so the
    // already-bound import sees the spy (the live-binding mechanism node:module documents for this)
    crypto.timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView): boolean => {
      calls.push([a.byteLength, b.byteLength]);
      return original(a, b);
    };
    syncBuiltinESMExports();
  });
  after(() => {
    crypto.timingSafeEqual = original;
    syncBuiltinESMExports();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  it('a right signature is accepted through timingSafeEqual', () => {
    assert.deepEqual(
      verifySasToken(signSasToken({ idScope, registrationId, key, expiry }), {
        idScope,
        registrationId,
        keys: [key],
        now,
      }),
      { ok: true, keyIndex: 0 },
    );
    assert.deepEqual(calls, [[32, 32]]);
  });

  it('a wrong signature of the right length is compared with timingSafeEqual, not ===', () => {
    const wrong = Buffer.alloc(32, 1).toString('base64');
    assert.deepEqual(verifySasToken(withSig(wrong), { idScope, registrationId, keys: [key], now }), { ok: false, reason: 'signature does not match' });
    assert.deepEqual(calls, [[32, 32]]);
  });

  it('signatures of a different length (shorter, longer, empty, not base64) are refused without throwing', () => {
    for (const sig of ['', 'AA==', Buffer.alloc(31, 2).toString('base64'), Buffer.alloc(33, 3).toString('base64'), Buffer.alloc(64, 4).toString('base64'), '%%%not-base64%%%', 'x'.repeat(10_000)]) {
      const verdict = verifySasToken(withSig(sig), { idScope, registrationId, keys: [key, Buffer.alloc(16, 5).toString('base64')], now });
      assert.equal(verdict.ok, false, `sig ${JSON.stringify(sig.slice(0, 20))}`);
    }
    // timingSafeEqual throws on unequal lengths, so it must only ever see equal ones
    assert.ok(calls.every(([a, b]) => a === b), JSON.stringify(calls));
  });

  it('(supplement) the verifier source uses timingSafeEqual and never compares signatures with === or Buffer.equals', () => {
    const source = readFileSync(join(repoRoot, 'src', 'emulator', 'auth', 'verify-sas-token.ts'), 'utf8');
    assert.match(source, /timingSafeEqual\(given, expected\)/);
    assert.doesNotMatch(source, /\bgiven\s*===\s*expected\b|\.equals\(|\.toString\([^)]*\)\s*===|\bsig\s*===/);
  });
});
