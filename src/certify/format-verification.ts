import { terminalText } from '../report/format/terminal-text.js';
import type { Verification } from './verify-attestation.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function declared(declaration: unknown): string | undefined {
  if (!isObject(declaration) || !isObject(declaration.implementation)) return undefined;
  const { name, version } = declaration.implementation;
  const axes = (['dialects', 'transports', 'attestations'] as const)
    .filter((axis) => Array.isArray(declaration[axis]))
    .map((axis) => `${axis} ${(declaration[axis] as unknown[]).map(String).join(', ')}`);
  return `${String(name)}@${String(version)}${axes.length > 0 ? ` (${axes.join('; ')})` : ''}`;
}

/** What `verify-report` prints: what the statement says (only once verified), warnings, then the verdict of the check. */
export function formatVerification(verification: Verification, where: { attestation: string; results: string }): string {
  const lines = [`attestation: ${where.attestation}`, `results:     ${where.results}`, `public key:  ${verification.keyid}`];
  const predicate = verification.statement?.predicate;
  if (verification.verified && predicate) {
    const summary = predicate.summary;
    const claim = declared(predicate.declaration);
    lines.push(
      `harness:     dps-conformance ${predicate.harness.version}, suite ${predicate.suiteVersion}`,
      `run:         ${predicate.run.command}, started ${predicate.run.startedAt}${predicate.run.shard ? `, shard ${predicate.run.shard}` : ''}`,
      `declared:    ${claim ?? 'nothing (no --declare)'}`,
      `tested:      ${predicate.implementations.join(', ') || 'no results'}`,
      `outcome:     ${predicate.verdict.toUpperCase()} · ${summary.total} results: ${summary.passed} passed, ${summary.failed} failed, ${summary.errored} errored, ${summary.skipped} skipped, ${summary.waived} waived`,
    );
  }
  for (const warning of verification.warnings) lines.push(`warning: ${warning}`);
  lines.push('');
  if (verification.verified) {
    lines.push('VERIFIED: the signature verifies with this key, the results file is the one signed, and it was produced with this harness\'s schemas, contracts and corpus');
  } else {
    const n = verification.problems.length;
    lines.push(`NOT VERIFIED (${n} ${n === 1 ? 'problem' : 'problems'}):`, ...verification.problems.map((p) => `  - ${p}`));
  }
  return `${lines.map(terminalText).join('\n')}\n`;
}
