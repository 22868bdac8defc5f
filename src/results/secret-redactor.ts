/**
 * Removes secrets from anything that leaves the process: reports, logs, transcripts, console output.
 * Two layers: exact values the run knows are secret (keys it was given or derived), and patterns of
 * secrets it may not know (SAS signatures, Azure Functions keys in URLs, Authorization headers).
 */
import { KnownSecretMatcher } from './known-secret-matcher.js';

export const REDACTED = '[REDACTED]';

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // a whole SAS token, in a header or an MQTT password
  [/SharedAccessSignature\s+[^"'\s,}\]]+/gi, `SharedAccessSignature ${REDACTED}`],
  // SAS signature, function key or token in a query string or token body
  [/([?&\s]|^)(sig|code|key|token|access_token)=([^&"'\s#]+)/gi, `$1$2=${REDACTED}`],
  // user info in a URL (`scheme://user:password@host`): the harness refuses such URLs, this catches any that slip in
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, `$1${REDACTED}@`],
  // function key header
  [/(x-functions-key["']?\s*[:=]\s*["']?)([^"'\s,}]+)/gi, `$1${REDACTED}`],
  // a JSON member named like a secret, in JSON text (a raw body): its string value, as redactDeep does for parsed values
  [/("(?:authorization|password|x-functions-key|primarykey|secondarykey|groupkey|key|functionkey|sas|sastoken)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
];

/**
 * Every PATTERNS match contains one of these (case-insensitive); a string without any is left alone
 * without running the patterns, which is what most strings of a report or transcript are.
 */
const PATTERN_TRIGGERS = /sig=|code=|key=|token=|sharedaccesssignature|x-functions-key|key"|password"|authorization"|sas"|sastoken"|:\/\/[^\s/?#]*@/i;

/** Keys that hold secrets in structured evidence, whatever their value looks like. */
const SECRET_KEYS = /^(authorization|password|x-functions-key|primarykey|secondarykey|groupkey|key|functionkey|sas|sastoken)$/i;

export class SecretRedactor {
  /** every known secret in every form, found in one pass however many there are (see known-secret-matcher.ts) */
  private readonly secrets = new KnownSecretMatcher();

  /** Registers an exact secret (and its URL-encoded and base64url forms, which is how it may travel). */
  add(secret: string | undefined): this {
    if (!secret || secret.length < 4) return this;
    for (const form of [secret, encodeURIComponent(secret), secret.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')]) {
      this.secrets.add(form);
    }
    return this;
  }

  /** Redacts one string: known secrets first (the longest that matches at each place), then secret-shaped patterns. */
  redact(text: string): string {
    const out = this.secrets.replaceAll(text, REDACTED);
    if (!PATTERN_TRIGGERS.test(out)) return out;
    let patterned = out;
    for (const [pattern, replacement] of PATTERNS) patterned = patterned.replace(pattern, replacement);
    return patterned;
  }

  /** Redacts every string in a JSON-like value, and the whole value of keys that name secrets. Cycle-safe. */
  redactDeep<T>(value: T): T {
    return this.walk(value, new WeakMap()) as T;
  }

  private walk(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object') return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      seen.set(value, copy);
      for (const item of value) copy.push(this.walk(item, seen));
      return copy;
    }
    if (Buffer.isBuffer(value)) return this.redact(value.toString('utf8'));
    // what JSON would write for it (a Date's ISO text, a raw JSON value's parse), not its internals
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      const json = (value as { toJSON(): unknown }).toJSON();
      if (json !== value) return this.walk(json, seen);
    }
    const copy: Record<string, unknown> = {};
    seen.set(value, copy);
    for (const [key, item] of Object.entries(value)) {
      copy[key] = SECRET_KEYS.test(key) && item !== undefined && item !== null && item !== '' ? REDACTED : this.walk(item, seen);
    }
    return copy;
  }
}
