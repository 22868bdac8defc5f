import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from '../helpers/run-cli-in-process.js';

describe('dps-conformance validate (the CLI entry, in-process; standard input: bin-process.integration.test.ts)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dpsc-validate-'));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('exits 0 for a valid SDK register body and names the schema', async () => {
    const path = file('ok.json', JSON.stringify({ registrationId: 'dev-001', payload: { modelId: 'dtmi:com:example:Thermostat;1' } }));
    const run = await runCliInProcess(['validate', 'registration-request', path]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /valid: .*ok\.json conforms to ga\/registration-request/);
  });

  it('exits 1 and lists every error with its path, expectation and value', async () => {
    const path = file('bad.json', JSON.stringify({ registrationId: 'dev.', payload: 'text', extra: 1 }));
    const run = await runCliInProcess(['validate', 'registration-request', path]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /does not conform to ga\/registration-request \(3 errors\)/);
    assert.match(run.stdout, /\/registrationId: expected a string matching .* got the string "dev\."/);
    assert.match(run.stdout, /\/payload: expected object or null, got the string "text"/);
    assert.match(run.stdout, /\/extra: unexpected member "extra"/);
  });

  it('uses the --dialect directory: a ga body is not a preview body', async () => {
    const path = file('ga.json', JSON.stringify({ registrationId: 'dev-001', payload: {} }));
    const run = await runCliInProcess(['validate', 'registration-request', path, '--dialect', 'preview']);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /preview\/registration-request/);
    assert.match(run.stdout, /\/payload: unexpected member "payload"/);
  });

  it('reads a case file or profile as webhook does: data is payload with a did-you-mean warning, both names is an error', async () => {
    const cases = file('old.cases.json', JSON.stringify({ version: 1, cases: [{ id: 'a', data: { modelId: 'x' }, expect: { refused: true } }] }));
    const old = await runCliInProcess(['validate', 'harness/cases', cases]);
    assert.equal(old.status, 0, old.stdout);
    assert.match(old.stderr, /warning: .*old\.cases\.json: \/cases\/0\/data: read as "payload" \(did you mean "payload"\?/);
    const profile = file('old.profile.json', JSON.stringify({ version: 1, data: { modelId: 'x' } }));
    const oldProfile = await runCliInProcess(['validate', 'harness/webhook-profile', profile]);
    assert.equal(oldProfile.status, 0, oldProfile.stdout);
    assert.match(oldProfile.stderr, /\/data: read as "payload"/);
    const both = file('both.cases.json', JSON.stringify({ version: 1, cases: [{ id: 'a', data: {}, payload: {}, expect: { refused: true } }] }));
    const twice = await runCliInProcess(['validate', 'harness/cases', both]);
    assert.equal(twice.status, 1);
    assert.match(twice.stdout, /\/cases\/0\/data: both "payload" and "data" given; device data is "payload": keep one/);
  });

  it('exits 2 with the line and column when the file is not JSON', async () => {
    const path = file('broken.json', '{\n  "registrationId": "a",\n  "payload": }\n');
    const run = await runCliInProcess(['validate', 'registration-request', path]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /broken\.json is not valid JSON at line 3, column 14/);
    assert.equal(run.stdout, '');
  });

  it('exits 2 for an unreadable file and for an unknown schema, without a stack trace', async () => {
    const missing = await runCliInProcess(['validate', 'registration-request', join(dir, 'nope.json')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope\.json: ENOENT/);
    const unknown = await runCliInProcess(['validate', 'no-such-schema', file('x.json', '{}')]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown schema "no-such-schema"/);
    assert.doesNotMatch(unknown.stderr + missing.stderr, /\n\s+at /);
  });

  it('lists the schema names', async () => {
    const run = await runCliInProcess(['validate', '--list']);
    assert.equal(run.status, 0);
    for (const name of ['ga/allocation-response', 'preview/allocation-response', 'adapter/register-reply', 'harness/cases']) {
      assert.match(run.stdout, new RegExp(`\\n  ${name}\\n`));
    }
  });
});
