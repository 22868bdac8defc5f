import type { CheckResult } from '../results/check-result.js';
import { isBlocking } from '../results/check-result.js';

/** At most this many annotations: GitHub shows only the first few per step anyway. */
export const MAX_ANNOTATIONS = 10;

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands (`::error title=...::message`) for the blocking failures, capped,
 * with a closing note when more were left out. Empty unless running under GitHub Actions.
 */
export function githubAnnotations(results: readonly CheckResult[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (env['GITHUB_ACTIONS'] !== 'true') return [];
  const blocking = results.filter(isBlocking);
  const lines = blocking.slice(0, MAX_ANNOTATIONS).map((r) => {
    const title = `${r.checkId} [${r.caseId}] ${r.implementation.name} ${r.transport} ${r.dialect}`;
    return `::error title=${escapeProperty(title)}::${escapeData(r.message)}`;
  });
  if (blocking.length > MAX_ANNOTATIONS) {
    lines.push(`::warning title=dps-conformance::${blocking.length - MAX_ANNOTATIONS} more MUST failures; see summary.md`);
  }
  return lines;
}
