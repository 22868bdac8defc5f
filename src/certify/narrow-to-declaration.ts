import type { Dialect, Transport } from '../results/check-result.js';
import type { ImplementationDeclaration } from '../schemas/generated/harness/declaration.js';

export type AttestationKind = 'symmetricKey' | 'x509' | 'tpm';

/**
 * What the implementation itself claims: the adapter's `start` reply for a device. An axis left out
 * is not claimed either way (a webhook claims nothing but `http`), so the declaration stands alone there.
 */
export interface ImplementationClaims {
  implementation?: { name: string; version: string };
  dialects?: readonly Dialect[];
  transports?: readonly Transport[];
  attestations?: readonly AttestationKind[];
}

/** A declared item the implementation does not claim, or an identity that differs. */
export interface DeclarationMismatch {
  kind: 'implementation' | 'dialect' | 'transport' | 'attestation';
  /** the declared value: a dialect, transport, attestation kind, or `name@version` */
  declared: string;
  /** what the implementation claims instead (its identity, or the list it claims for that axis) */
  claimed: string;
  /** one line for the report */
  message: string;
}

/** What to run: the declared items the implementation also claims; the rest are mismatches (errored results). */
export interface DeclarationNarrowing {
  dialects: Dialect[];
  transports: Transport[];
  attestations: AttestationKind[];
  mismatches: DeclarationMismatch[];
}

function narrowAxis<T extends string>(
  kind: DeclarationMismatch['kind'],
  declared: readonly T[] | undefined,
  claimed: readonly T[] | undefined,
  mismatches: DeclarationMismatch[],
): T[] {
  if (declared === undefined) return [...(claimed ?? [])];
  if (claimed === undefined) return [...declared];
  for (const value of declared.filter((d) => !claimed.includes(d))) {
    const list = claimed.length > 0 ? claimed.join(', ') : 'none';
    mismatches.push({ kind, declared: value, claimed: list, message: `declared ${kind} ${value}, but the implementation claims only ${list}` });
  }
  return declared.filter((d) => claimed.includes(d));
}

/**
 * Narrows a run to a vendor's declaration ("the run tests exactly the claims, and the report states
 * them"). Per axis: declared and claimed -> tested; claimed but not declared -> not tested (the vendor
 * does not certify it); declared but not claimed -> a mismatch, which the command turns into errored
 * results with `declarationMismatchResults` instead of a silent skip. An axis the declaration leaves
 * out is taken from the claims. A declared identity that differs from the claimed one is a mismatch too:
 * a certificate must not name a version other than the one that ran.
 */
export function narrowToDeclaration(claims: ImplementationClaims, declaration: ImplementationDeclaration): DeclarationNarrowing {
  const mismatches: DeclarationMismatch[] = [];
  const declaredImpl = `${declaration.implementation.name}@${declaration.implementation.version}`;
  if (claims.implementation) {
    const claimedImpl = `${claims.implementation.name}@${claims.implementation.version}`;
    if (claimedImpl !== declaredImpl) {
      mismatches.push({
        kind: 'implementation',
        declared: declaredImpl,
        claimed: claimedImpl,
        message: `declared implementation ${declaredImpl}, but the implementation reports itself as ${claimedImpl}`,
      });
    }
  }
  const dialects = narrowAxis('dialect', declaration.dialects, claims.dialects, mismatches);
  const transports = narrowAxis<Transport>('transport', declaration.transports, claims.transports, mismatches);
  const attestations = narrowAxis('attestation', declaration.attestations, claims.attestations, mismatches);
  return { dialects, transports, attestations, mismatches };
}
