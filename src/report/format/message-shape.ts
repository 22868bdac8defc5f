import { DIALECTS } from '../../results/check-result.js';
import { RUN_WIDE_CASE_ID } from '../../results/run-wide.js';

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\w-]/.test(c);

/**
 * `word` replaced by `placeholder` where it stands as a whole word (`case a` must not change every "a").
 * A string search, not a RegExp built per case id: a run has thousands of case ids, and compiling a
 * pattern for each cost more than the rest of the shaping.
 */
function replaceWord(text: string, word: string, placeholder: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    if (isWordChar(text[at - 1]) || isWordChar(text[at + word.length])) continue;
    out += text.slice(from, at) + placeholder;
    from = at + word.length;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * The leading label a suite puts on a message (`<case> (ga): `, `run-wide (preview): `, `<case>: `, `ga: `):
 * it names where the result was seen, not what went wrong, so the same defect in both dialects is one cause.
 * Plain string tests, no RegExp: this runs once per result of a run.
 */
function withoutLabel(message: string, caseId: string | undefined): string {
  for (const name of [caseId, RUN_WIDE_CASE_ID, 'run-wide']) {
    if (name === undefined || name === '' || !message.startsWith(name)) continue;
    const rest = message.slice(name.length);
    const dialect = DIALECTS.find((d) => rest.startsWith(` (${d}): `));
    if (dialect !== undefined) return rest.slice(dialect.length + 5);
    if (rest.startsWith(': ')) return rest.slice(2);
  }
  const dialect = DIALECTS.find((d) => message.startsWith(`${d}: `));
  return dialect === undefined ? message : message.slice(dialect.length + 2);
}

const GUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Text that differs every time the same defect shows, and names nothing about the defect: the ids DPS and
 * the SDKs put in errors (a tracking ID, an operation ID `5.316aac5bdc130deb.<guid>`, any GUID), clock
 * times (ISO 8601, HTTP dates), durations (`1943 ms`, `2.5 s`) and long hex tokens (hashes, nonces).
 * Taken out before anything else: these often sit inside quotes an SDK nested without escaping, which
 * would otherwise pair the quotes differently from one message to the next.
 */
const VOLATILE: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(`\\b\\d+\\.[0-9a-f]{16}\\.${GUID}\\b`, 'gi'), '{operation}'],
  [new RegExp(`\\b${GUID}\\b`, 'gi'), '{id}'],
  [/\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g, '{time}'],
  [/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}(?: GMT)?/g, '{time}'],
  [/\b\d+(?:\.\d+)?\s?(?:ms|milliseconds?|s|seconds?|min|minutes?)\b/g, '{duration}'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{12,}\b/gi, '{id}'],
];

/** A message with its volatile text (VOLATILE) replaced by placeholders: what stays is what went wrong. */
export function withoutVolatileText(message: string): string {
  let text = message;
  for (const [pattern, placeholder] of VOLATILE) text = text.replace(pattern, placeholder);
  return text;
}

/**
 * The shape of a result message: the message with what varies from case to case taken out (the
 * leading case label, the case id, volatile text, numbers, quoted values), so that the same defect hit
 * by twenty cases reads as one cause. Pure: the same message and case always give the same shape.
 */
export function messageShape(message: string, caseId?: string): string {
  let shape = withoutVolatileText(withoutLabel(message, caseId));
  if (caseId) shape = replaceWord(shape, caseId, '{case}');
  return shape
    // a quote left open at the end counts too: the message was clipped inside a quoted value
    .replace(/"(?:[^"\\]|\\.)*(?:"|$)/g, '"…"')
    .replace(/\b\d+(?:\.\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}
