import { randomInt } from 'node:crypto';

/**
 * A UTC timestamp the way DPS writes it: 7 fractional digits and `Z` (FACTS §1), e.g.
 * `2020-04-10T05:24:22.4718526Z`. JavaScript has milliseconds; the last 4 digits are filler.
 */
export function dpsTimestamp(date: Date = new Date()): string {
  const filler = String(randomInt(0, 10_000)).padStart(4, '0');
  return date.toISOString().replace(/\.(\d{3})Z$/, `.$1${filler}Z`);
}
