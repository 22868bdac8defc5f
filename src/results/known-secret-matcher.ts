/**
 * Finds known secrets in a text in one pass, whatever their number. A run knows thousands of them
 * (every device key it derives, in three spellings each), and testing each with `includes` made the
 * redaction of a report grow with the number of registrations: a third of a full run's CPU.
 *
 * Up to SEARCH_LIMIT secrets, each is searched for with `includes` (native and fast: 3 secrets cost
 * about 10 µs on a 96 KB text). Past that, secrets of at least WINDOW characters are found by
 * Rabin-Karp: a rolling hash of every WINDOW-character window of the text is looked up among the
 * hashes of each secret's first WINDOW characters, and only a hit is compared in full (about 1.3 ms
 * on 96 KB whatever the number of secrets; `includes` reaches that near 300). Shorter secrets (few:
 * passwords, short keys) are always searched one by one.
 */
const WINDOW = 12;
const SEARCH_LIMIT = 64;
const BASE = 0x01000193;

/** BASE^(WINDOW-1) mod 2^32: the weight of the character that leaves the window. */
const LEAVING_WEIGHT = Array.from({ length: WINDOW - 1 }).reduce<number>((power) => Math.imul(power, BASE) >>> 0, 1);

function windowHash(text: string, start: number): number {
  let hash = 0;
  for (let i = start; i < start + WINDOW; i += 1) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) >>> 0;
  return hash;
}

export class KnownSecretMatcher {
  /** first-window hash -> the secrets starting with such a window, longest first */
  private readonly long = new Map<number, string[]>();
  /** secrets shorter than WINDOW, longest first */
  private short: string[] = [];
  private readonly all = new Set<string>();
  /** every secret, longest first, while there are few (undefined: rebuild on the next search) */
  private ordered: string[] | undefined;

  get size(): number {
    return this.all.size;
  }

  add(secret: string): void {
    if (secret === '' || this.all.has(secret)) return;
    this.all.add(secret);
    this.ordered = undefined;
    const byLength = (a: string, b: string): number => b.length - a.length;
    if (secret.length < WINDOW) {
      this.short = [...this.short, secret].sort(byLength);
      return;
    }
    const hash = windowHash(secret, 0);
    const bucket = this.long.get(hash) ?? [];
    bucket.push(secret);
    bucket.sort(byLength);
    this.long.set(hash, bucket);
  }

  /** The text with every occurrence of a known secret replaced (at each place the longest secret that matches). */
  replaceAll(text: string, replacement: string): string {
    if (this.all.size <= SEARCH_LIMIT) {
      this.ordered ??= [...this.all].sort((a, b) => b.length - a.length);
      return replaceEach(text, this.ordered, replacement);
    }
    const out = this.long.size > 0 && text.length >= WINDOW ? this.replaceLong(text, replacement) : text;
    return replaceEach(out, this.short, replacement);
  }

  private replaceLong(text: string, replacement: string): string {
    const parts: string[] = [];
    let copiedTo = 0;
    let i = 0;
    let hash = windowHash(text, 0);
    while (i + WINDOW <= text.length) {
      const match = this.long.get(hash)?.find((secret) => text.startsWith(secret, i));
      if (match !== undefined) {
        parts.push(text.slice(copiedTo, i), replacement);
        i += match.length;
        copiedTo = i;
        if (i + WINDOW <= text.length) hash = windowHash(text, i);
        continue;
      }
      if (i + WINDOW < text.length) {
        const leaving = Math.imul(text.charCodeAt(i), LEAVING_WEIGHT);
        hash = (Math.imul((hash - leaving) >>> 0, BASE) + text.charCodeAt(i + WINDOW)) >>> 0;
      }
      i += 1;
    }
    if (copiedTo === 0) return text;
    parts.push(text.slice(copiedTo));
    return parts.join('');
  }
}

/** Replaces each secret in turn (longest first, so a secret inside a longer one never leaves the rest behind). */
function replaceEach(text: string, secrets: readonly string[], replacement: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(replacement);
  }
  return out;
}
