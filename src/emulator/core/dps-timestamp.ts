// the ISO text up to the seconds' dot changes once a second; rebuilding it on every request showed in profiles
let cachedSecond = Number.NaN;
let cachedPrefix = '';

/**
 * A UTC timestamp the way DPS writes it: 7 fractional digits and `Z` (docs/protocol/https.md), e.g.
 * `2020-04-10T05:24:22.4718526Z`. JavaScript has milliseconds; the last 4 digits are filler
 * (Math.random: they carry no meaning, and this runs on every request).
 */
export function dpsTimestamp(date: Date = new Date()): string {
  const ms = date.getTime();
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    const iso = date.toISOString();
    cachedPrefix = iso.slice(0, iso.length - 4); // through the '.'
    cachedSecond = second;
  }
  const fraction = (ms - second * 1000) * 10_000 + Math.floor(Math.random() * 10_000);
  return `${cachedPrefix}${String(fraction).padStart(7, '0')}Z`;
}
