/**
 * Removes secrets from anything that leaves the process: reports, logs, transcripts, console output.
 * Two layers: exact values the run knows are secret (keys it was given or derived), and patterns of
 * secrets it may not know (SAS signatures, Azure Functions keys in URLs, Authorization headers).
 */
import { KnownSecretMatcher } from './known-secret-matcher.js';
import { COPY_DEPTH_LIMIT, cutMarker } from '../json/json-depth.js';

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

  /**
   * Redacts every string in a JSON-like value, and the whole value of keys that name secrets.
   * Cycle-safe, and without recursion: a value nested as deep as a target cares to send is walked
   * on a heap stack, and cut with a marker past COPY_DEPTH_LIMIT levels (so no later
   * `JSON.stringify` of the copy can run out of stack either).
   */
  redactDeep<T>(value: T): T {
    const seen = new WeakMap<object, unknown>();
    const root: { value?: unknown } = {};
    const stack: Frame[] = [{ value, into: root, key: 'value', depth: 0 }];
    while (stack.length > 0) {
      const frame = stack.pop() as Frame;
      setMember(frame.into, frame.key, this.copyOne(frame, seen, stack));
    }
    return root.value as T;
  }

  /** The copy of one frame's value: a leaf at once; a container empty, its members pushed onto `stack`. */
  private copyOne(frame: Frame, seen: WeakMap<object, unknown>, stack: Frame[]): unknown {
    let value = frame.value;
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object') return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (Buffer.isBuffer(value)) return this.redact(value.toString('utf8'));
    // what JSON would write for it (a Date's ISO text, a raw JSON value's parse), not its internals
    if (!Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      const json = (value as { toJSON(): unknown }).toJSON();
      if (json !== value) {
        if (typeof json === 'string') return this.redact(json);
        if (json === null || typeof json !== 'object') return json;
        value = json;
        const again = seen.get(json);
        if (again !== undefined) return again;
      }
    }
    if (frame.depth >= COPY_DEPTH_LIMIT) return cutMarker(COPY_DEPTH_LIMIT);
    const depth = frame.depth + 1;
    const object = value as object;
    if (Array.isArray(object)) {
      const copy: unknown[] = new Array<unknown>(object.length);
      seen.set(object, copy);
      const items = copy as unknown as Record<string, unknown>;
      for (let i = object.length - 1; i >= 0; i -= 1) stack.push({ value: object[i] as unknown, into: items, key: String(i), depth });
      return copy;
    }
    const copy: Record<string, unknown> = {};
    seen.set(object, copy);
    const entries = Object.entries(object);
    for (const [key, item] of entries) {
      // members are created in order now and filled as the stack reaches them, so the copy keeps the key order
      setMember(copy, key, SECRET_KEYS.test(key) && item !== undefined && item !== null && item !== '' ? REDACTED : undefined);
    }
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, item] = entries[i] as [string, unknown];
      if (copy[key] !== REDACTED) stack.push({ value: item, into: copy, key, depth });
    }
    return copy;
  }
}

/** One value still to copy, and where its copy goes. */
interface Frame {
  value: unknown;
  into: Record<string, unknown>;
  key: string;
  depth: number;
}

/** `into[key] = value`, except that a member named `__proto__` (JSON.parse makes it an own member) stays a member. */
function setMember(into: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
  else into[key] = value;
}
