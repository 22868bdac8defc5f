/**
 * Where a failure's actual value holds U+FFFD (the replacement character a decoder writes where bytes
 * were not valid UTF-8) and its expected value had a real character: which characters were lost, as
 * code points, so a reader sees `U+1F1F7 became U+FFFD U+FFFD` instead of mojibake on the screen.
 */
export interface LostCharacters {
  /** `returnData/flag`, or `` for a value that is itself a string */
  path: string;
  /** the code points of the expected text around and at the loss */
  expected: string;
  actual: string;
  /** `U+1F1F7 (🇷) was lost: U+FFFD U+FFFD where its bytes were` */
  summary: string;
}

const REPLACEMENT = 0xfffd;
const MAX_FINDINGS = 20;
const MAX_DEPTH = 64;
/** code points shown on each side of a loss */
const CONTEXT = 2;

const codePoints = (text: string): number[] => Array.from(text, (c) => c.codePointAt(0) ?? 0);
const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

function shown(cps: readonly number[]): string {
  return cps.map((cp) => (cp === REPLACEMENT || cp < 0x20 ? hex(cp) : `${hex(cp)} (${String.fromCodePoint(cp)})`)).join(' ');
}

/** The difference of two strings by code point: common prefix and suffix taken off, the middles compared. */
function compare(expected: string, actual: string, path: string): LostCharacters | undefined {
  const e = codePoints(expected);
  const a = codePoints(actual);
  if (!a.includes(REPLACEMENT)) return undefined;
  let start = 0;
  while (start < e.length && start < a.length && e[start] === a[start]) start += 1;
  let end = 0;
  while (end < e.length - start && end < a.length - start && e[e.length - 1 - end] === a[a.length - 1 - end]) end += 1;
  const lost = e.slice(start, e.length - end);
  const got = a.slice(start, a.length - end);
  const from = Math.max(0, start - CONTEXT);
  const expectedWindow = e.slice(from, Math.min(e.length, e.length - end + CONTEXT));
  const actualWindow = a.slice(from, Math.min(a.length, a.length - end + CONTEXT));
  const what = lost.length === 0 ? 'nothing was expected there' : `${shown(lost)} ${lost.length === 1 ? 'was' : 'were'} lost`;
  const replaced = got.filter((cp) => cp === REPLACEMENT).length;
  return {
    path,
    expected: shown(expectedWindow),
    actual: shown(actualWindow),
    summary: `${what}: ${got.length === 0 ? 'nothing' : shown(got)} came instead${replaced > 0 ? ` (${replaced} × U+FFFD, the replacement character, where bytes could not be decoded as UTF-8)` : ''}`,
  };
}

/**
 * Walks expected and actual in step with an explicit stack (the values come from a target: no
 * recursion over them), comparing strings found at the same path.
 */
function walk(expected: unknown, actual: unknown): LostCharacters[] {
  const found: LostCharacters[] = [];
  const stack: Array<{ expected: unknown; actual: unknown; path: string; depth: number }> = [{ expected, actual, path: '', depth: 0 }];
  while (stack.length > 0 && found.length < MAX_FINDINGS) {
    const item = stack.pop() as (typeof stack)[number];
    const { expected: e, actual: a, path, depth } = item;
    if (typeof a === 'string') {
      const finding = typeof e === 'string' ? compare(e, a, path) : undefined;
      if (finding) found.push(finding);
      continue;
    }
    if (depth >= MAX_DEPTH || typeof a !== 'object' || a === null || typeof e !== 'object' || e === null) continue;
    const children: Array<[string, unknown, unknown]> = Array.isArray(a)
      ? Array.isArray(e) ? a.map((value, i) => [String(i), e[i], value]) : []
      : Object.entries(a).map(([key, value]) => [key, (e as Record<string, unknown>)[key], value]);
    // pushed in reverse, so findings come in document order
    for (let i = children.length - 1; i >= 0; i -= 1) {
      const [key, childExpected, childActual] = children[i] as [string, unknown, unknown];
      stack.push({ expected: childExpected, actual: childActual, path: `${path}/${key}`, depth: depth + 1 });
    }
  }
  return found;
}

/** Every place an actual value holds U+FFFD where the expected one had a character (at most 20), walking both in step. */
export function lostCharacters(expected: unknown, actual: unknown): LostCharacters[] {
  return walk(expected, actual);
}
