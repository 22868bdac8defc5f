import assert from 'node:assert/strict';
import { buildAllocationRequest } from '../../src/dps/build-allocation-request.js';
import { getSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { DIALECTS } from '../../src/results/check-result.js';
import { loadCorpus } from '../../suites/corpus/load-corpus.js';
import { corpusSkipReason } from '../../suites/corpus/corpus-case.js';
import { allocationRequestFor } from '../../suites/corpus/corpus-request.js';

const MAX_MESSAGE_BYTES = 98_304;

describe('buildAllocationRequest', () => {
  it('builds a schema-valid request under 96 KB for every corpus case in every dialect it runs in', () => {
    let checked = 0;
    for (const entry of loadCorpus()) {
      for (const dialect of DIALECTS) {
        if (corpusSkipReason(entry, dialect) !== undefined) continue;
        const message = allocationRequestFor(entry, dialect, 'https://contoso-alloc.azurewebsites.net/api/allocate?code=secret-key');
        const outcome = getSchemaRegistry().validate('allocation-request', dialect, message.body);
        assert.ok(outcome.valid, `${entry.id} ${dialect}: ${JSON.stringify(outcome.errors)}`);
        assert.ok(message.byteLength < MAX_MESSAGE_BYTES, `${entry.id} ${dialect}: ${message.byteLength} bytes`);
        assert.equal(message.byteLength, Buffer.byteLength(message.text));
        assert.ok(!message.text.includes('secret-key'), 'the webhook URL is masked');
        checked += 1;
      }
    }
    assert.ok(checked > 80);
  });

  it('writes the same text on its fast path (no extra members) as on the general one (JSON.stringify of the object)', () => {
    const base = { registrationId: 'dev-2', linkedHubs: ['h1.azure-devices.net', 'h2.azure-devices.net'], deviceDataJson: '{"a":[1,2,{"b":"é"}]}', webhookUrl: 'https://fn.example/api/x?code=k' };
    let compared = 0;
    for (const enrollment of ['group', 'individual'] as const) {
      for (const attestation of ['symmetricKey', 'x509', 'tpm'] as const) {
        for (const dialect of DIALECTS) {
          for (const extra of [{}, { deviceId: 'other-id' }, { reprovision: { currentIotHubHostName: 'h1.azure-devices.net', currentDeviceId: 'dev-2' } }]) {
            const spec = { ...base, enrollment, attestation, ...extra };
            // an empty extras object takes the general path and adds nothing
            const general = buildAllocationRequest({ ...spec, extras: { enrollment: {} } }, dialect);
            assert.equal(buildAllocationRequest(spec, dialect).text, general.text, `${enrollment} ${attestation} ${dialect} ${JSON.stringify(extra)}`);
            compared += 1;
          }
        }
      }
    }
    assert.equal(compared, 36);
  });

  it('puts the device data where each dialect expects it, verbatim (every digit kept)', () => {
    const spec = { registrationId: 'dev-1', enrollment: 'group' as const, attestation: 'symmetricKey' as const, linkedHubs: ['h1.azure-devices.net'], deviceDataJson: '{ "big": 9007199254740993, "e": 1e3 }' };
    const ga = buildAllocationRequest(spec, 'ga');
    const preview = buildAllocationRequest(spec, 'preview');
    assert.match(ga.text, /"deviceRuntimeContext":\{"registrationId":"dev-1","symmetricKey":\{\},"payload":\{"big":9007199254740993,"e":1e3\}\}/);
    assert.match(preview.text, /"data":\{"big":9007199254740993,"e":1e3\}/);
    const { deviceDataJson: _data, ...noData } = spec;
    const without = buildAllocationRequest(noData, 'ga');
    assert.equal('payload' in (without.body['deviceRuntimeContext'] as object), false, 'no data, no member');
  });

  it('carries the enrollment record, reprovisioning fields, attestation context, masked URL and extra members', () => {
    const message = buildAllocationRequest(
      {
        registrationId: 'dev-2',
        enrollment: 'individual',
        attestation: 'tpm',
        linkedHubs: ['a.azure-devices.net', 'b.azure-devices.net'],
        reprovision: { currentIotHubHostName: 'a.azure-devices.net', currentDeviceId: 'dev-2' },
        webhookUrl: 'https://x.azurewebsites.net/api/hook?code=abc',
        extras: { topLevel: { future: 1 }, deviceRuntimeContext: { hint: 'x' }, enrollment: { newField: true } },
      },
      'ga',
    );
    const body = message.body as Record<string, Record<string, unknown>>;
    assert.equal(body['individualEnrollment']?.['registrationId'], 'dev-2');
    assert.equal(body['individualEnrollment']?.['allocationPolicy'], 'custom');
    assert.equal(body['individualEnrollment']?.['newField'], true);
    assert.deepEqual(body['individualEnrollment']?.['customAllocationDefinition'], { webhookUrl: 'https://x.azurewebsites.net/api/hook?****', apiVersion: '2021-10-01' });
    assert.equal(body['deviceRuntimeContext']?.['currentIotHubHostName'], 'a.azure-devices.net');
    assert.equal(body['deviceRuntimeContext']?.['currentDeviceId'], 'dev-2');
    assert.ok(body['deviceRuntimeContext']?.['tpm']);
    assert.equal(body['deviceRuntimeContext']?.['hint'], 'x');
    assert.equal((message.body)['future'], 1);
    assert.deepEqual(message.body['linkedHubs'], ['a.azure-devices.net', 'b.azure-devices.net']);
    assert.ok(getSchemaRegistry().validate('allocation-request', 'ga', message.body).valid);
  });
});
