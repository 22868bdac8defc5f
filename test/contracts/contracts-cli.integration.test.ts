import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { committedPactsDir } from '../../src/contracts/committed-pacts.js';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';
import { startContractWebhook, type ContractWebhook } from './fixtures/contract-webhooks.js';

describe('contracts: the built CLI', function () {
  this.timeout(90_000);
  let dir: string;
  let webhook: ContractWebhook | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dpsc-contracts-cli-'));
  });

  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await webhook?.close();
    webhook = undefined;
  });

  it('`contracts export DIR` writes the committed pact files and exits 0', async () => {
    const out = join(dir, 'nested', 'pacts');
    const run = await runCliInProcess(['contracts', 'export', out]);
    assert.equal(run.status, 0, run.stderr);
    const committed = readdirSync(committedPactsDir()).filter((f) => f.endsWith('.json')).sort();
    assert.deepEqual(readdirSync(out).sort(), committed);
    for (const file of committed) assert.equal(readFileSync(join(out, file), 'utf8'), readFileSync(join(committedPactsDir(), file), 'utf8'));
  });

  it('`contracts export` into a directory it cannot create exits 2 with a message, no stack trace', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const run = await runCliInProcess(['contracts', 'export', join(blocker, 'pacts')]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /contracts export .*a-file\/pacts: .*a-file is a file, not a directory: ENOTDIR/);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('`contracts verify` prints one PASS line per interaction and exits 0 for a correct webhook, never printing the key', async () => {
    webhook = await startContractWebhook('correct', { functionKey: 'cli-secret-key-9876' });
    const run = await runCliInProcess(['contracts', 'verify', '--url', webhook.url, '--dialect', 'all', '--function-key', 'cli-secret-key-9876']);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const lines = run.stdout.split('\n').filter((l) => /^(PASS|FAIL|ERROR)/.test(l));
    assert.equal(lines.length, 20);
    assert.ok(lines.every((l) => l.startsWith('PASS ')));
    assert.equal(lines.filter((l) => /^PASS {2}ga \s*an /.test(l)).length, 10);
    assert.doesNotMatch(run.stdout + run.stderr, /cli-secret-key-9876/);
  });

  it('`contracts verify` exits 1 and names the failing interactions of a broken webhook', async () => {
    webhook = await startContractWebhook('payload-as-string');
    const run = await runCliInProcess(['contracts', 'verify', '--url', `${webhook.url}?code=url-secret-4321`]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const failures = run.stdout.split('\n').filter((l) => l.startsWith('FAIL '));
    assert.equal(failures.length, 5);
    for (const line of failures) assert.match(line, /^FAIL {2}ga\s+an allocation request .*with device data.*: contract mismatch: \/payload: expected a JSON object or null/);
    assert.doesNotMatch(run.stdout + run.stderr, /url-secret-4321/);
  });

  it('`contracts verify` with a URL that is not http(s) exits 2', async () => {
    const run = await runCliInProcess(['contracts', 'verify', '--url', 'ftp://example.com/x']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--url must use http:\/\/ or https:\/\//);
  });
});
