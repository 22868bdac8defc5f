import type { KeyObject } from 'node:crypto';
import { parseCtrf } from '../report/format/parse-ctrf.js';
import { isHarnessError } from '../errors/harness-error.js';
import type { ConformanceResultsStatement } from '../schemas/generated/report/conformance-statement.js';
import { formatReadableErrors } from '../schemas/readable-errors.js';
import { getSchemaRegistry } from '../schemas/schema-registry.js';
import { countOutcomes } from '../results/summarise-results.js';
import { IN_TOTO_PAYLOAD_TYPE, PREDICATE_TYPE, sha256Hex, STATEMENT_TYPE, SUBJECT_NAME } from './conformance-statement.js';
import { verifyingSignatures, type DsseEnvelope } from './dsse.js';
import { keyIdOf } from './key-files.js';
import { SUITE_PARTS, type SuiteDigests } from './suite-digests.js';

export interface VerifyAttestationInput {
  envelope: DsseEnvelope;
  publicKey: KeyObject;
  /** the bytes of the ctrf.json the statement should name */
  ctrf: Uint8Array;
  /** this harness's digests and version, to compare with the statement's */
  digests: SuiteDigests;
  harnessVersion: string;
}

export interface Verification {
  verified: boolean;
  /** each thing that does not match, one line, e.g. `ctrf.json digest differs: expected X got Y` */
  problems: string[];
  /** true but worth saying: another harness version, an incomplete run */
  warnings: string[];
  /** the decoded statement, when the payload is one by the schema `report/conformance-statement` (untrusted unless `verified`) */
  statement?: ConformanceResultsStatement;
  /** key id of the key that was used */
  keyid: string;
}

/**
 * The statement the envelope carries, checked against the schema `report/conformance-statement`; each way
 * it is not one is a problem of the verification (the file was signed: exit 1, not a usage error).
 */
function decodeStatement(envelope: DsseEnvelope, problems: string[]): ConformanceResultsStatement | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as unknown;
  } catch {
    problems.push('payload is not JSON: not an in-toto statement');
    return undefined;
  }
  const checked = getSchemaRegistry().check('report/conformance-statement', value);
  if (!checked.valid) {
    problems.push(`payload is not a dps-conformance results statement (schema report/conformance-statement): ${formatReadableErrors(checked.errors).slice(0, 10).join('; ')}`);
    return undefined;
  }
  const statement = checked.value;
  if (statement._type !== STATEMENT_TYPE) problems.push(`statement _type is ${JSON.stringify(statement._type)}, expected ${STATEMENT_TYPE}`);
  if (statement.predicateType !== PREDICATE_TYPE) problems.push(`predicateType is ${JSON.stringify(statement.predicateType)}, expected ${PREDICATE_TYPE}`);
  return statement;
}

function checkResults(statement: ConformanceResultsStatement, ctrf: Uint8Array, problems: string[]): void {
  const expected = statement.subject.find((s) => s.name === SUBJECT_NAME)?.digest['sha256'];
  if (expected === undefined) {
    problems.push(`the statement names no sha256 digest for ${SUBJECT_NAME}`);
    return;
  }
  const actual = sha256Hex(ctrf);
  if (actual !== expected) {
    problems.push(`${SUBJECT_NAME} digest differs: expected ${expected} got ${actual} (the results were changed after signing, or this is another run's file)`);
    return;
  }
  // the file is the signed one; the counts in the statement must be the file's (a signer bug otherwise)
  let counts;
  try {
    counts = countOutcomes(parseCtrf(Buffer.from(ctrf).toString('utf8'), SUBJECT_NAME).results);
  } catch (error) {
    problems.push(`${SUBJECT_NAME} matches its digest but cannot be read: ${isHarnessError(error) ? error.message : String(error)}`);
    return;
  }
  const verdict = counts.blocking === 0 ? 'pass' : 'fail';
  if (JSON.stringify(counts) !== JSON.stringify(statement.predicate.summary) || verdict !== statement.predicate.verdict) {
    problems.push(`the summary and verdict in the statement differ from the counts in ${SUBJECT_NAME}`);
  }
}

function checkSuite(statement: ConformanceResultsStatement, digests: SuiteDigests, problems: string[]): void {
  for (const part of Object.keys(SUITE_PARTS) as (keyof SuiteDigests)[]) {
    const expected = statement.predicate.suite[part].sha256;
    if (expected !== digests[part]) {
      problems.push(`${part} digest differs: expected ${expected} got ${digests[part]} (this harness's ${SUITE_PARTS[part]}/ is not what the results were produced with)`);
    }
  }
}

/**
 * Checks a signed statement, in the order a customer cares about: the signature with this key, the
 * results file's digest (and that its counts are the ones stated), and the schemas, contracts and
 * corpus digests against this harness. Collects every problem rather than stopping at the first.
 */
export function verifyAttestation(input: VerifyAttestationInput): Verification {
  const problems: string[] = [];
  const warnings: string[] = [];
  const keyid = keyIdOf(input.publicKey);
  if (input.envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) problems.push(`payloadType is ${JSON.stringify(input.envelope.payloadType)}, expected ${IN_TOTO_PAYLOAD_TYPE}`);
  if (verifyingSignatures(input.envelope, input.publicKey).length === 0) {
    const named = input.envelope.signatures.map((s) => s.keyid).filter((k) => k !== '');
    const hint = named.length > 0 && !named.includes(keyid) ? ` (the statement was signed with key ${named.join(', ')}; this key is ${keyid})` : '';
    problems.push(`signature does not verify with this key${hint}`);
  }
  const statement = decodeStatement(input.envelope, problems);
  const verification: Verification = { verified: false, problems, warnings, keyid };
  if (!statement) return verification;
  verification.statement = statement;
  checkResults(statement, input.ctrf, problems);
  checkSuite(statement, input.digests, problems);
  const harness = statement.predicate.harness.version;
  if (harness !== input.harnessVersion) {
    warnings.push(`the results were produced by dps-conformance ${harness}; this is ${input.harnessVersion} (verify with the same version: npx dps-conformance@${harness} verify-report ...)`);
  }
  const { run } = statement.predicate;
  if (run.incomplete === true) warnings.push(`the signed run was incomplete (${run.incompleteReason ?? 'stopped early'}): its results are partial`);
  verification.verified = problems.length === 0;
  return verification;
}
