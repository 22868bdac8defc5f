import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PREDICATE_TYPE, type ConformanceStatement } from '../../src/certify/conformance-statement.js';
import type { DsseEnvelope } from '../../src/certify/dsse.js';
import { loadPublicKey, loadSigningKey, parseSigningKey } from '../../src/certify/key-files.js';
import { readAttestation } from '../../src/certify/read-attestation.js';
import { signReportDir, signResults, signStatement } from '../../src/certify/sign-results.js';
import { computeSuiteDigests } from '../../src/certify/suite-digests.js';
import { verifyAttestation, type Verification } from '../../src/certify/verify-attestation.js';
import { packageVersion } from '../../src/meta/package-info.js';
import { HarnessErrorCode, isHarnessError } from '../../src/errors/harness-error.js';
import { tempDir, writeRun } from '../merge/report-fixtures.js';
import { declaration, keyPair, signedResults, signedRunInfo } from './sign-fixtures.js';

const digests = computeSuiteDigests();
const statementOf = (envelope: DsseEnvelope): ConformanceStatement => JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as ConformanceStatement;

describe('signing and verifying results', () => {
  let t: ReturnType<typeof tempDir>;
  let dir: string;
  let keys: ReturnType<typeof keyPair>;
  let envelope: DsseEnvelope;
  const verifyWith = (overrides: { envelope?: DsseEnvelope; publicPem?: string; ctrf?: Buffer; harnessVersion?: string } = {}): Verification =>
    verifyAttestation({
      envelope: overrides.envelope ?? envelope,
      publicKey: loadPublicKey(overrides.publicPem ?? keys.publicPem),
      ctrf: overrides.ctrf ?? readFileSync(join(dir, 'ctrf.json')),
      digests,
      harnessVersion: overrides.harnessVersion ?? packageVersion,
    });

  beforeEach(async () => {
    t = tempDir();
    keys = keyPair(t.dir);
    dir = await writeRun(t.dir, 'report', signedResults, signedRunInfo);
    ({ envelope } = await signReportDir(dir, { runInfo: signedRunInfo, privateKeyPem: loadSigningKey(keys.privatePath) }));
  });
  afterEach(() => t.cleanup());

  it('writes a DSSE envelope of an in-toto statement binding ctrf.json, the suite digests, the declaration and the verdict', () => {
    const onDisk = readAttestation(join(dir, 'attestation.json'));
    assert.deepEqual(onDisk, envelope);
    assert.equal(envelope.payloadType, 'application/vnd.in-toto+json');
    assert.match(envelope.signatures[0]?.keyid ?? '', /^sha256:[0-9a-f]{64}$/);
    const statement = statementOf(envelope);
    assert.equal(statement._type, 'https://in-toto.io/Statement/v1');
    assert.equal(statement.predicateType, PREDICATE_TYPE);
    assert.deepEqual(statement.subject, [{ name: 'ctrf.json', digest: { sha256: createHash('sha256').update(readFileSync(join(dir, 'ctrf.json'))).digest('hex') } }]);
    assert.deepEqual(statement.predicate.suite, {
      schemas: { sha256: digests.schemas },
      contracts: { sha256: digests.contracts },
      corpus: { sha256: digests.corpus },
    });
    assert.deepEqual(statement.predicate.declaration, declaration);
    assert.deepEqual(statement.predicate.implementations, ['acme-device@2.1.0']);
    assert.equal(statement.predicate.verdict, 'pass');
    assert.equal(statement.predicate.summary.failed, 1);
    assert.equal(statement.predicate.harness.version, packageVersion);
  });

  it('verifies a signed report', () => {
    const verification = verifyWith();
    assert.deepEqual(verification.problems, []);
    assert.deepEqual(verification.warnings, []);
    assert.equal(verification.verified, true);
  });

  it('names the changed digest when one result in ctrf.json is altered', () => {
    const path = join(dir, 'ctrf.json');
    const original = readFileSync(path, 'utf8');
    const altered = original.replace(/"status": ?"failed"/, '"status":"passed"');
    assert.notEqual(altered, original);
    writeFileSync(path, altered);
    const verification = verifyWith();
    assert.equal(verification.verified, false);
    const expected = createHash('sha256').update(original).digest('hex');
    const got = createHash('sha256').update(altered).digest('hex');
    assert.equal(verification.problems.length, 1);
    assert.ok(verification.problems[0]?.startsWith(`ctrf.json digest differs: expected ${expected} got ${got}`), verification.problems[0]);
  });

  it('fails the signature when a digest in the statement is altered without re-signing', () => {
    const statement = statementOf(envelope);
    statement.predicate.suite.schemas.sha256 = '0'.repeat(64);
    const tampered = { ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') };
    const verification = verifyWith({ envelope: tampered });
    assert.equal(verification.verified, false);
    assert.equal(verification.problems[0], 'signature does not verify with this key');
    assert.ok(verification.problems.some((p) => p.startsWith(`schemas digest differs: expected ${'0'.repeat(64)} got ${digests.schemas}`)));
  });

  it('names the suite part whose digest differs from this harness when the statement is validly signed', () => {
    const statement = statementOf(envelope);
    statement.predicate.suite.corpus.sha256 = 'f'.repeat(64);
    const resigned = signStatement(statement, parseSigningKey(keys.privatePem));
    const verification = verifyWith({ envelope: resigned });
    assert.equal(verification.problems.length, 1);
    assert.match(verification.problems[0] ?? '', /^corpus digest differs: expected f{64} got [0-9a-f]{64} \(this harness's suites\/corpus\/ is not what/);
  });

  it('says the signature does not verify with another key, naming both key ids', () => {
    const other = keyPair(t.dir, 'other');
    const verification = verifyWith({ publicPem: other.publicPem });
    assert.equal(verification.verified, false);
    assert.equal(verification.problems.length, 1);
    assert.match(verification.problems[0] ?? '', /^signature does not verify with this key \(the statement was signed with key sha256:[0-9a-f]{64}; this key is sha256:[0-9a-f]{64}\)$/);
  });

  it('catches a statement whose counts disagree with ctrf.json even when signed', () => {
    const statement = statementOf(envelope);
    statement.predicate.summary.failed = 0;
    const verification = verifyWith({ envelope: signStatement(statement, parseSigningKey(keys.privatePem)) });
    assert.deepEqual(verification.problems, ['the summary and verdict in the statement differ from the counts in ctrf.json']);
  });

  it('names by JSON Pointer what a validly signed payload lacks to be a results statement (schema report/conformance-statement)', () => {
    const statement = statementOf(envelope) as unknown as { predicate: Record<string, unknown>; subject: unknown };
    delete statement.predicate['suite'];
    statement.predicate['verdict'] = 'maybe';
    const verification = verifyWith({ envelope: signStatement(statement as unknown as ConformanceStatement, parseSigningKey(keys.privatePem)) });
    assert.equal(verification.verified, false);
    assert.equal(verification.statement, undefined);
    assert.equal(verification.problems.length, 1);
    const [problem] = verification.problems;
    assert.match(problem ?? '', /^payload is not a dps-conformance results statement \(schema report\/conformance-statement\): /);
    assert.match(problem ?? '', /\/predicate: missing required member "suite"/);
    assert.match(problem ?? '', /\/predicate\/verdict: expected one of \["pass","fail"\], got the string "maybe"/);
  });

  it('only warns when another harness version produced the results', () => {
    const verification = verifyWith({ harnessVersion: '99.0.0' });
    assert.equal(verification.verified, true);
    assert.match(verification.warnings[0] ?? '', new RegExp(`produced by dps-conformance ${packageVersion.replace(/\./g, '\\.')}; this is 99\\.0\\.0`));
  });

  it('signs ctrf bytes given directly, taking the declaration from the run info', async () => {
    const bytes = readFileSync(join(dir, 'ctrf.json'));
    const direct = await signResults({ ctrf: bytes, runInfo: signedRunInfo, privateKeyPem: keys.privatePem });
    assert.deepEqual(statementOf(direct).predicate.declaration, declaration);
    assert.equal(verifyWith({ envelope: direct }).verified, true);
  });
});

describe('key files', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());
  const write = (name: string, text: string): string => {
    const path = join(t.dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('refuses a non-Ed25519 key without quoting it', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const path = write('rsa.pem', rsa);
    assert.throws(
      () => loadSigningKey(path),
      (e: unknown) => isHarnessError(e) && e.code === HarnessErrorCode.INVALID_CONFIG && e.message.includes('is a rsa private key') && !e.message.includes('BEGIN'),
    );
  });

  it('refuses garbage and encrypted keys with a reason', () => {
    assert.throws(() => loadSigningKey(write('x.pem', 'not a key')), (e: unknown) => isHarnessError(e) && e.message.endsWith('is not a PEM private key'));
    const encrypted = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    assert.throws(() => loadSigningKey(write('enc.pem', encrypted)), (e: unknown) => isHarnessError(e) && /encrypted private key/.test(e.message));
    assert.throws(() => loadPublicKey(join(t.dir, 'none.pem')), (e: unknown) => isHarnessError(e) && e.code === HarnessErrorCode.UNREADABLE_FILE);
  });

  it('refuses an attestation file of another layout, or whose members have the wrong type, naming each', () => {
    const other = write('other.json', JSON.stringify({ _type: 'https://in-toto.io/Statement/v1', subject: [] }));
    assert.throws(() => readAttestation(other), (e: unknown) => isHarnessError(e) && e.message.includes('(document): missing required member "payloadType"') && e.message.includes('(document): missing required member "signatures"'));
    const typed = write('typed.json', JSON.stringify({ payloadType: 7, payload: 'e30=', signatures: [{ keyid: 1, sig: 'AA==' }] }));
    assert.throws(() => readAttestation(typed), (e: unknown) => isHarnessError(e) && e.message.includes('/payloadType: expected string, got number 7') && e.message.includes('/signatures/0/keyid: expected string, got number 1'));
    assert.throws(() => readAttestation(write('array.json', '[]')), (e: unknown) => isHarnessError(e) && e.message.includes('(document): expected object, got an array of 0'));
  });

  it('refuses an attestation file that is not a DSSE envelope', () => {
    const path = write('attestation.json', JSON.stringify({ payloadType: 'x', payload: '%%%', signatures: [] }));
    assert.throws(
      () => readAttestation(path),
      (e: unknown) =>
        isHarnessError(e) && e.code === HarnessErrorCode.INVALID_CONFIG && e.message.startsWith(`${path} is not a valid file of its kind`) &&
        e.message.includes('/payload: expected a string matching ^[A-Za-z0-9+/]*={0,2}$, got the string "%%%"') && e.message.includes('/signatures: must NOT have fewer than 1 items'),
    );
  });
});
