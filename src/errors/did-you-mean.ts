/**
 * The known values closest to a mistyped one, for "did you mean" in usage errors: within an edit
 * distance that grows with the value's length (a third of it, at least 2), or sharing a prefix of 4+
 * characters. Best first; at most `limit`.
 */
export function closestValues(value: string, known: readonly string[], limit = 3): string[] {
  const wanted = value.toLowerCase();
  const allowed = Math.max(2, Math.floor(wanted.length / 3));
  const scored: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(wanted, lower, allowed + 1);
    const sharesPrefix = wanted.length >= 4 && (lower.startsWith(wanted) || wanted.startsWith(lower));
    if (distance <= allowed || sharesPrefix) scored.push({ candidate, distance: sharesPrefix ? Math.min(distance, allowed) : distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** Levenshtein distance, cut short at `ceiling` (anything farther reads as `ceiling`). */
function editDistance(a: string, b: string, ceiling: number): number {
  if (Math.abs(a.length - b.length) >= ceiling) return ceiling;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const cell = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      current.push(cell);
      rowBest = Math.min(rowBest, cell);
    }
    if (rowBest >= ceiling) return ceiling;
    previous = current;
  }
  return Math.min(previous[b.length] as number, ceiling);
}
