/**
 * Self-certification for command handlers (`--declare`, `--waivers`, `--sign`) and `verify-report`.
 * Every export is listed by name.
 */
export { loadDeclaration, type ImplementationDeclaration } from './load-declaration.js';
export {
  narrowToDeclaration,
  type ImplementationClaims,
  type DeclarationNarrowing,
  type DeclarationMismatch,
  type AttestationKind,
} from './narrow-to-declaration.js';
export { declarationMismatchResults } from './declaration-mismatch-results.js';
export { loadWaivers, type Waiver } from './load-waivers.js';
export { applyWaivers, utcDate, waiverSummary, type WaiverOutcome } from './apply-waivers.js';
export { loadSigningKey, loadPublicKey, parseSigningKey, keyIdOf } from './key-files.js';
export { signResults, signReportDir, signStatement, writeAttestation, ATTESTATION_FILE, type SignResultsInput } from './sign-results.js';
export {
  buildStatement,
  IN_TOTO_PAYLOAD_TYPE,
  PREDICATE_TYPE,
  STATEMENT_TYPE,
  type ConformanceStatement,
  type ConformancePredicate,
} from './conformance-statement.js';
export { pae, type DsseEnvelope } from './dsse.js';
export { computeSuiteDigests, suiteVersionOf, digestTree, type SuiteDigests } from './suite-digests.js';
export { readAttestation } from './read-attestation.js';
export { verifyAttestation, type Verification, type VerifyAttestationInput } from './verify-attestation.js';
export { formatVerification } from './format-verification.js';
