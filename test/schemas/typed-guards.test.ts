import assert from 'node:assert/strict';
import { getSchemaRegistry } from '../../src/schemas/schema-registry.js';
import type { TypedSchemaName } from '../../src/schemas/schema-types.js';

/** Every schema but the shared definitions, as `SchemaTypes` must list it (the compiler checks this literal). */
const TYPED: Record<TypedSchemaName, true> = {
  'adapter/register-reply': true,
  'adapter/register-request': true,
  'adapter/request': true,
  'adapter/start-reply': true,
  'adapter/start-request': true,
  'adapter/stop-reply': true,
  'adapter/stop-request': true,
  'ctrf/report': true,
  'ga/allocation-request': true,
  'ga/allocation-response': true,
  'ga/error-body': true,
  'ga/operation-status': true,
  'ga/registration-request': true,
  'ga/registration-result': true,
  'harness/cases': true,
  'harness/corpus': true,
  'harness/declaration': true,
  'harness/emulator-config': true,
  'harness/shields-endpoint': true,
  'harness/waivers': true,
  'harness/webhook-profile': true,
  'preview/allocation-request': true,
  'preview/allocation-response': true,
  'preview/error-body': true,
  'preview/operation-status': true,
  'preview/registration-request': true,
  'preview/registration-result': true,
  'report/attestation': true,
  'report/conformance-statement': true,
  'report/ctrf-layout-1': true,
  'report/ctrf-layout-2': true,
};

describe('typed validators from the generated types', () => {
  const registry = getSchemaRegistry();

  it('cover every schema (a new schema needs its generated type in src/schemas/schema-types.ts)', () => {
    assert.deepEqual(
      registry.names().filter((n) => n !== 'common/defs'),
      Object.keys(TYPED).sort(),
    );
  });

  it('check types a valid value and explains an invalid one', () => {
    const valid = registry.check('adapter/stop-reply', { seq: 3, stopped: true });
    assert.ok(valid.valid);
    // typed: `seq` is a number here without a cast
    assert.equal(valid.value.seq + 1, 4);
    const invalid = registry.check('adapter/stop-reply', { seq: 'three', stopped: true });
    assert.equal(invalid.valid, false);
    assert.ok(!invalid.valid && invalid.errors.some((e) => e.path === '/seq'));
  });

  it('guard agrees with validate', () => {
    const isStart = registry.guard('adapter/start-request');
    for (const value of [{ seq: 1, cmd: 'start', version: 1 }, { seq: 1, cmd: 'start' }, null, 'x']) {
      assert.equal(isStart(value), registry.validate('adapter/start-request', undefined, value).valid);
    }
  });
});
