import { safeStringify } from './json-safe.js';

/** Cuts text to at most `maxChars` UTF-16 units (never inside a surrogate pair) and says how much was cut. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = Math.max(0, maxChars);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}\n… (${text.length - cut} more characters)`;
}

/** How an expected/actual/evidence value reads in a report: strings as they are, anything else as JSON. */
export function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : safeStringify(value, 2);
}
