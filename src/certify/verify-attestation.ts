import type { KeyObject } from 'node:crypto';
import { parseCtrf } from '../report/format/parse-ctrf.js';
import { isHarnessError } from '../errors/harness-error.js';
import { countOutcomes } from '../results/summarise-results.js';
import { IN_TOTO_PAYLOAD_TYPE, PREDICATE_TYPE, sha256Hex, STATEMENT_TYPE, SUBJECT_NAME, type ConformanceStatement } from './conformance-statement.js';
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
  /** the decoded statement, when the payload is one (untrusted unless `verified`) */
  statement?: ConformanceStatement;
  /** key id of the key that was used */
  keyid: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeStatement(envelope: DsseEnvelope, problems: string[]): ConformanceStatement | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
  } catch {
    problems.push('payload is not JSON: not an in-toto statement');
    return undefined;
  }
  if (!isObject(value) || !isObject(value.predicate) || !Array.isArray(value.subject)) {
    problems.push('payload is not an in-toto statement (needs subject and predicate)');
    return undefined;
  }
  if (value._type !== STATEMENT_TYPE) problems.push(`statement _type is ${JSON.stringify(value._type)}, expected ${STATEMENT_TYPE}`);
  if (value.predicateType !== PREDICATE_TYPE) problems.push(`predicateType is ${JSON.stringify(value.predicateType)}, expected ${PREDICATE_TYPE}`);
  return value as unknown as ConformanceStatement;
}

function checkResults(statement: ConformanceStatement, ctrf: Uint8Array, problems: string[]): void {
  const subject = statement.subject.find((s) => isObject(s) && s.name === SUBJECT_NAME);
  const expected = subject && isObject(subject.digest) ? subject.digest.sha256 : undefined;
  if (typeof expected !== 'string') {
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

function checkSuite(statement: ConformanceStatement, digests: SuiteDigests, problems: string[]): void {
  const suite: Record<string, unknown> = isObject(statement.predicate.suite) ? statement.predicate.suite : {};
  for (const part of Object.keys(SUITE_PARTS) as (keyof SuiteDigests)[]) {
    const named = suite[part];
    const expected = isObject(named) && typeof named.sha256 === 'string' ? named.sha256 : undefined;
    if (expected === undefined) problems.push(`the statement names no ${part} digest`);
    else if (expected !== digests[part]) {
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
  const harness = isObject(statement.predicate.harness) ? statement.predicate.harness.version : undefined;
  if (harness !== input.harnessVersion) {
    warnings.push(`the results were produced by dps-conformance ${String(harness)}; this is ${input.harnessVersion} (verify with the same version: npx dps-conformance@${String(harness)} verify-report ...)`);
  }
  if (isObject(statement.predicate.run) && statement.predicate.run.incomplete === true) {
    warnings.push(`the signed run was incomplete (${String(statement.predicate.run.incompleteReason ?? 'stopped early')}): its results are partial`);
  }
  verification.verified = problems.length === 0;
  return verification;
}
