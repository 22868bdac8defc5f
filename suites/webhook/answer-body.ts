import { bodySnippet } from '../../src/json/body-snippet.js';
import { isTooDeep, tooDeepMessage } from '../../src/json/json-depth.js';

/** What a webhook's answer body holds, read strictly: UTF-8 without a single bad byte, then JSON. */
export type BodyReading =
  | { ok: true; value: unknown }
  | { ok: false; mismatch: 'invalid-utf8' | 'not-json' | 'too-deep'; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

// one function for the suite's messages and load's (src/json/body-snippet.ts)
export { bodySnippet };

/** Reads an answer body as JSON; says precisely why not when it cannot (bad UTF-8 byte offset, JSON error). */
export function readJsonBody(bytes: Buffer): BodyReading {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const valid = Buffer.from(bytes.toString('utf8'), 'utf8');
    let at = 0;
    while (at < bytes.length && at < valid.length && bytes[at] === valid[at]) at += 1;
    return { ok: false, mismatch: 'invalid-utf8', reason: `bytes that are not UTF-8 (first bad byte at offset ${at})` };
  }
  if (text.trim() === '') return { ok: false, mismatch: 'not-json', reason: 'an empty body' };
  // never parsed: no check, redaction or report then walks a value deeper than the harness reads
  if (isTooDeep(text)) return { ok: false, mismatch: 'too-deep', reason: tooDeepMessage(text) };
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown };
  } catch (error) {
    return { ok: false, mismatch: 'not-json', reason: `text that is not JSON (${error instanceof Error ? error.message : String(error)}): ${bodySnippet(text)}` };
  }
}

/** `an object`, `a string "x"`, `an array of 3`, ... for messages. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string ${bodySnippet(value, 40)}`;
  return `a ${typeof value} ${JSON.stringify(value) ?? String(typeof value)}`;
}
