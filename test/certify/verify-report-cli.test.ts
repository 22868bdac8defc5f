import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signReportDir } from '../../src/certify/sign-results.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { tempDir, writeRun } from '../merge/report-fixtures.js';
import { keyPair, signedResults, signedRunInfo } from './sign-fixtures.js';

describe('verify-report (built CLI)', function () {
  this.timeout(60_000);
  let t: ReturnType<typeof tempDir>;
  let dir: string;
  let keys: ReturnType<typeof keyPair>;
  beforeEach(async () => {
    t = tempDir();
    keys = keyPair(t.dir);
    dir = await writeRun(t.dir, 'report', signedResults, signedRunInfo);
    await signReportDir(dir, { runInfo: signedRunInfo, privateKeyPem: keys.privatePem });
  });
  afterEach(() => t.cleanup());

  it('exits 0 and says what the signed statement holds for a signed report', async () => {
    const run = await runCliInProcess(['verify-report', join(dir, 'attestation.json'), '--public-key', keys.publicPath]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /declared: {4}acme-device@2\.1\.0 \(dialects ga; transports https\)/);
    assert.match(run.stdout, /outcome: {5}PASS · 2 results: 1 passed, 1 failed, 0 errored, 0 skipped, 0 waived/);
    assert.match(run.stdout, /\nVERIFIED: /);
  });

  it('exits 1 naming the digest when a result in ctrf.json was altered', async () => {
    const path = join(dir, 'ctrf.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('payload dropped', 'all fine'));
    const run = await runCliInProcess(['verify-report', join(dir, 'attestation.json'), '--public-key', keys.publicPath]);
    assert.equal(run.status, 1, run.stderr + run.stdout);
    assert.match(run.stdout, /NOT VERIFIED \(1 problem\):\n {2}- ctrf\.json digest differs: expected [0-9a-f]{64} got [0-9a-f]{64}/);
    assert.doesNotMatch(run.stdout, /outcome:/);
  });

  it('exits 1 when the key is not the signer\'s', async () => {
    const other = keyPair(t.dir, 'other');
    const run = await runCliInProcess(['verify-report', join(dir, 'attestation.json'), '--public-key', other.publicPath]);
    assert.equal(run.status, 1, run.stderr + run.stdout);
    assert.match(run.stdout, /- signature does not verify with this key/);
  });

  it('exits 2 when ctrf.json is not beside the attestation, or the key cannot be read', async () => {
    renameSync(join(dir, 'ctrf.json'), join(t.dir, 'moved.json'));
    const missing = await runCliInProcess(['verify-report', join(dir, 'attestation.json'), '--public-key', keys.publicPath]);
    assert.equal(missing.status, 2, missing.stderr + missing.stdout);
    assert.ok(missing.stderr.includes(`cannot read ${join(dir, 'ctrf.json')}`), missing.stderr);
    const noKey = await runCliInProcess(['verify-report', join(dir, 'attestation.json'), '--public-key', join(t.dir, 'nope.pem')]);
    assert.equal(noKey.status, 2, noKey.stderr + noKey.stdout);
    assert.ok(noKey.stderr.includes(join(t.dir, 'nope.pem')), noKey.stderr);
  });

  it('exits 2 for an attestation.json that is not a DSSE envelope by its schema, naming each member by JSON Pointer', async () => {
    const path = join(dir, 'attestation.json');
    const envelope = JSON.parse(readFileSync(path, 'utf8')) as { signatures: Array<Record<string, unknown>> };
    const [first] = envelope.signatures;
    assert.ok(first);
    first['sig'] = 42;
    writeFileSync(path, JSON.stringify({ ...envelope, payload: undefined }));
    const run = await runCliInProcess(['verify-report', path, '--public-key', keys.publicPath]);
    assert.equal(run.status, 2, run.stderr + run.stdout);
    assert.ok(run.stderr.includes(`${path} is not a valid file of its kind`), run.stderr);
    assert.match(run.stderr, /\(document\): missing required member "payload"/);
    assert.match(run.stderr, /\/signatures\/0\/sig: expected string, got number 42/);
  });

  it('exits 2 with a clear message when --public-key is given a private key, and never prints it', async () => {
    const privateKey = join(t.dir, 'given-as-public.pem');
    writeFileSync(privateKey, keys.privatePem);
    const run = await runCliInProcess(['verify-report', join(dir, 'attestation.json'), '--public-key', privateKey]);
    assert.equal(run.status, 2, run.stderr + run.stdout);
    assert.match(run.stderr, /is a private key; --public-key takes the signer's public key \(openssl pkey -in KEY -pubout -out KEY\.pub\.pem\)/);
    assert.ok(!(run.stdout + run.stderr).includes(keys.privatePem.split('\n')[1] ?? 'x'), 'the key is never echoed');
    assert.doesNotMatch(run.stdout, /VERIFIED/);
    const inline = await runCliInProcess(['verify-report', join(dir, 'attestation.json'), '--public-key', keys.privatePem]);
    assert.equal(inline.status, 2);
    assert.match(inline.stderr, /the key given inline is a private key/);
  });
});
