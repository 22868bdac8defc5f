import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseSasToken } from './parse-sas-token.js';

export interface SasCheck {
  idScope: string;
  registrationId: string;
  /** base64 keys to try (primary, secondary, or the derived group key) */
  keys: readonly string[];
  /** epoch seconds; defaults to now */
  now?: number;
  /**
   * refuse a token without `skn` (default false: accept it, as real DPS does for the Embedded C and
   * Python SDKs, which sign with no key name)
   */
  requireKeyName?: boolean;
}

export type SasVerdict = { ok: true; keyIndex: number } | { ok: false; reason: string };

/**
 * Verifies a registration SAS token (docs/protocol/sas.md): the HMAC is computed over the raw `sr` as sent
 * (`%2F`, `%2f` and the Node SDK's unencoded `/` all sign differently, so the sender's spelling is
 * the one that counts), the URL-decoded `sr` must equal `{idScope}/registrations/{registrationId}`
 * case-insensitively, `se` must be in the future, and `skn`, when present (or always, with `requireKeyName`), must be `registration` (an empty `skn=` counts as
 * absent).
 * Signatures are compared in constant time.
 */
export function verifySasToken(token: string | undefined, check: SasCheck): SasVerdict {
  const fields = parseSasToken(token);
  if (!fields) return { ok: false, reason: token ? 'not a SharedAccessSignature token' : 'no SAS token' };
  const { sr, sig, se } = fields;
  // an empty `skn=` is no key name: the Java SDK signs with "...&skn=" (see docs/contract/bundled-implementations.md)
  const skn = fields.skn === '' ? undefined : fields.skn;
  if (!sr || !sig || !se) return { ok: false, reason: 'token lacks sr, sig or se' };
  if (skn === undefined && check.requireKeyName === true) return { ok: false, reason: 'token lacks skn' };
  if (skn !== undefined && skn !== 'registration') return { ok: false, reason: `skn is "${skn}", not "registration"` };
  if (!/^\d+$/.test(se)) return { ok: false, reason: 'se is not an integer' };
  const now = check.now ?? Math.floor(Date.now() / 1000);
  if (Number(se) <= now) return { ok: false, reason: 'token expired' };
  const resource = safeDecode(sr);
  const expectedResource = `${check.idScope}/registrations/${check.registrationId}`;
  if (resource === undefined || resource.toLowerCase() !== expectedResource.toLowerCase()) {
    return { ok: false, reason: 'sr does not name this registration' };
  }
  const given = Buffer.from(safeDecode(sig) ?? '', 'base64');
  for (const [index, key] of check.keys.entries()) {
    const expected = createHmac('sha256', Buffer.from(key, 'base64')).update(`${sr}\n${se}`).digest();
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true, keyIndex: index };
  }
  return { ok: false, reason: 'signature does not match' };
}

function safeDecode(text: string): string | undefined {
  try {
    // no '+' -> space: a raw base64 signature keeps its '+'
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
