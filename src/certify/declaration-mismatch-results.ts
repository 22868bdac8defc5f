import type { CheckResult, Dialect, ImplementationRef, Transport } from '../results/check-result.js';
import type { ImplementationDeclaration } from '../schemas/generated/harness/declaration.js';
import type { DeclarationMismatch, DeclarationNarrowing } from './narrow-to-declaration.js';

function caseIdOf(mismatch: DeclarationMismatch): string {
  return `declared-${mismatch.declared}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 100);
}

/**
 * One errored MUST result per matrix row a mismatch touches, so that a declared but unsupported item
 * shows in every report (and fails the run) instead of vanishing as a skip. A transport mismatch fills
 * its own row for each dialect tested, a dialect mismatch its own row for each transport, and an
 * attestation or identity mismatch every row tested. Check ids are `declaration.<kind>`.
 * `implementation` names the rows (the identity the implementation reports); defaults to the declared one.
 */
export function declarationMismatchResults(
  narrowing: DeclarationNarrowing,
  declaration: ImplementationDeclaration,
  implementation: ImplementationRef = { name: declaration.implementation.name, version: declaration.implementation.version },
): CheckResult[] {
  const dialects: readonly Dialect[] = narrowing.dialects.length > 0 ? narrowing.dialects : declaration.dialects;
  const transports: readonly Transport[] = narrowing.transports.length > 0 ? narrowing.transports : (declaration.transports ?? ['http']);
  const results: CheckResult[] = [];
  for (const mismatch of narrowing.mismatches) {
    const rows: [Transport, Dialect][] = [];
    if (mismatch.kind === 'transport') for (const d of dialects) rows.push([mismatch.declared as Transport, d]);
    else if (mismatch.kind === 'dialect') for (const t of transports) rows.push([t, mismatch.declared as Dialect]);
    else for (const t of transports) for (const d of dialects) rows.push([t, d]);
    for (const [transport, dialect] of rows) {
      results.push({
        checkId: `declaration.${mismatch.kind}`,
        level: 'MUST',
        outcome: 'errored',
        dialect,
        transport,
        caseId: caseIdOf(mismatch),
        implementation: { ...implementation },
        message: mismatch.message,
        mismatch: mismatch.kind === 'implementation' ? 'identity-differs' : 'not-claimed',
        expected: mismatch.declared,
        actual: mismatch.claimed,
      });
    }
  }
  return results;
}
