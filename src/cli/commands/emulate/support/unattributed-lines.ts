import type { Observations } from '../../../../emulator/index.js';

const SHOWN_DETAILS = 3;

/**
 * What the stop says about what named no registration, and so has no graded result: failed TLS
 * handshakes (with why, as that is what a vendor fixes first) and requests that named none. Without
 * these lines a device that never got that far reads as absent.
 */
export function unattributedLines(unattributed: Observations['unattributed'], reportPath: string): string[] {
  const handshakes = unattributed.filter((u) => u.reason === 'tls-handshake-failed');
  const requests = unattributed.length - handshakes.length;
  const lines: string[] = [];
  if (handshakes.length > 0) {
    lines.push(`${handshakes.length} TLS handshake(s) failed before any registration was named ("unattributed" in ${reportPath}):`);
    const details = [...new Set(handshakes.map((h) => h.detail))];
    for (const detail of details.slice(0, SHOWN_DETAILS)) lines.push(`  ${detail}`);
    if (details.length > SHOWN_DETAILS) lines.push(`  ... and ${details.length - SHOWN_DETAILS} other kind(s)`);
  }
  if (requests > 0) lines.push(`${requests} request(s) named no registration (a malformed user name, an unknown path, ...): "unattributed" in ${reportPath}`);
  return lines;
}
