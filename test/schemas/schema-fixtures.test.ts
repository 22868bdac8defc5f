import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { getSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { repoRoot } from '../helpers/run-cli.js';

const fixturesRoot = join(repoRoot, 'test', 'fixtures', 'wire');

interface InvalidFixture {
  reason: string;
  expectedErrorPath: string;
  expectedKeyword: string;
  document: unknown;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(full);
    return entry.name.endsWith('.json') ? [full] : [];
  });
}

/** `valid/ga/registration-request/x.json` -> `ga/registration-request` */
function schemaNameOf(kindRoot: string, file: string): string {
  return relative(kindRoot, file).split(sep).slice(0, 2).join('/');
}

describe('schemas', () => {
  const registry = getSchemaRegistry();

  it('all compile in ajv strict mode', () => {
    assert.doesNotThrow(() => registry.compileAll());
    assert.ok(registry.names().length >= 25);
  });

  it('each is a valid 2020-12 schema (the meta-schema check the registry skips at run time)', () => {
    const metaCheck = new Ajv2020({ strict: true, allErrors: true });
    for (const file of jsonFiles(join(repoRoot, 'schemas'))) {
      const valid = metaCheck.validateSchema(JSON.parse(readFileSync(file, 'utf8')) as object);
      assert.equal(valid, true, `${file}: ${JSON.stringify(metaCheck.errors)}`);
    }
  });

  it('each declares draft 2020-12, an $id, a title and a description', () => {
    for (const file of jsonFiles(join(repoRoot, 'schemas'))) {
      const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      assert.equal(schema['$schema'], 'https://json-schema.org/draft/2020-12/schema', file);
      assert.match(String(schema['$id']), /^https:\/\/dps-conformance\.local\/schemas\//, file);
      assert.equal(typeof schema['title'], 'string', file);
      assert.equal(typeof schema['description'], 'string', file);
    }
  });

  describe('valid wire examples', () => {
    const root = join(fixturesRoot, 'valid');
    for (const file of jsonFiles(root)) {
      const schema = schemaNameOf(root, file);
      it(`${relative(root, file)} is valid`, () => {
        const outcome = registry.validate(schema, undefined, JSON.parse(readFileSync(file, 'utf8')));
        assert.deepEqual(outcome.errors, []);
        assert.equal(outcome.valid, true);
      });
    }
  });

  describe('invalid variants fail for the stated reason', () => {
    const root = join(fixturesRoot, 'invalid');
    for (const file of jsonFiles(root)) {
      const schema = schemaNameOf(root, file);
      const fixture = JSON.parse(readFileSync(file, 'utf8')) as InvalidFixture;
      it(`${relative(root, file)}: ${fixture.reason}`, () => {
        const validate = registry.validator(schema);
        assert.equal(validate(fixture.document), false);
        const hit = (validate.errors ?? []).some((e) => e.instancePath === fixture.expectedErrorPath && e.keyword === fixture.expectedKeyword);
        assert.ok(hit, `expected a "${fixture.expectedKeyword}" error at "${fixture.expectedErrorPath}", got ${JSON.stringify(validate.errors)}`);
      });
    }
  });

  it('every dialect, adapter and harness schema has at least one invalid variant', () => {
    const invalid = new Set(jsonFiles(join(fixturesRoot, 'invalid')).map((f) => schemaNameOf(join(fixturesRoot, 'invalid'), f)));
    const missing = registry.names().filter((n) => n !== 'common/defs' && !invalid.has(n));
    assert.deepEqual(missing, []);
  });

  it('holds the wire examples of docs/protocol/https.md', () => {
    const valid = join(fixturesRoot, 'valid');
    const read = (path: string): unknown => JSON.parse(readFileSync(join(valid, path), 'utf8'));
    assert.deepEqual(read('ga/registration-request/sdk-payload-model-id.json'), {
      registrationId: 'dev-001',
      payload: { modelId: 'dtmi:com:example:Thermostat;1' },
    });
    assert.deepEqual(Object.keys(read('ga/operation-status/assigning-first-202.json') as object).sort(), ['operationId', 'status']);
    const failed = read('ga/operation-status/failed-400207.json') as { registrationState: { errorCode: number; errorMessage: string } };
    assert.equal(failed.registrationState.errorCode, 400207);
    assert.equal(failed.registrationState.errorMessage, 'Custom allocation failed with status code: 400');
    const throttled = read('ga/error-body/throttled-429001-empty-tracking-id.json') as { errorCode: number; trackingId: string };
    assert.equal(throttled.errorCode, 429001);
    assert.equal(throttled.trackingId, '');
    const group = read('ga/allocation-request/group-symmetric-key-with-data.json') as {
      enrollmentGroup: unknown;
      deviceRuntimeContext: { symmetricKey: unknown };
    };
    assert.ok(group.enrollmentGroup);
    assert.ok(group.deviceRuntimeContext.symmetricKey);
    const preview = read('preview/allocation-response/preview-doc-sample.json') as { returnData: unknown; iotHubHostName: string };
    assert.equal(preview.returnData, 'whatever is returned by the webhook');
    assert.equal(preview.iotHubHostName, 'sample-iot-hub-1.azure-devices.net');
  });
});
