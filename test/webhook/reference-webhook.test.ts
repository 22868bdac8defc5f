import assert from 'node:assert/strict';
import { allocate } from '../../implementations/reference-webhook/allocate.js';
import { chooseHub } from '../../implementations/reference-webhook/choose-hub.js';
import { startReferenceWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { boundedRequest } from '../../src/http/bounded-request.js';
import { getSchemaRegistry } from '../../src/schemas/schema-registry.js';
import { DIALECTS } from '../../src/results/check-result.js';
import { loadCorpus } from '../../suites/corpus/load-corpus.js';
import { corpusSkipReason, deviceDataFor } from '../../suites/corpus/corpus-case.js';
import { allocationRequestFor } from '../../suites/corpus/corpus-request.js';
import { minifyJson, rawJsonMember } from '../../src/json/raw-json-member.js';

describe('reference webhook', () => {
  it('answers every corpus case validly in both dialects, echoing the device data without loss', () => {
    for (const entry of loadCorpus()) {
      for (const dialect of DIALECTS) {
        if (corpusSkipReason(entry, dialect) !== undefined) continue;
        const request = allocationRequestFor(entry, dialect);
        const answer = allocate(request.text);
        assert.equal(answer.status, 200, `${entry.id} ${dialect}: ${answer.text}`);
        const body = JSON.parse(answer.text) as Record<string, unknown>;
        assert.ok(getSchemaRegistry().validate('allocation-response', dialect, body).valid, `${entry.id} ${dialect}`);
        assert.ok((request.body['linkedHubs'] as string[]).includes(String(body['iotHubHostName'])));
        assert.ok(Buffer.byteLength(answer.text) <= 98_304, `${entry.id} ${dialect}: answer within 96 KB`);
        const sent = deviceDataFor(entry, dialect);
        const member = dialect === 'ga' ? 'payload' : 'returnData';
        if (sent === undefined) assert.equal(member in body, false, `${entry.id} ${dialect}: no data, nothing returned`);
        else if (dialect === 'ga') assert.equal(rawJsonMember(answer.text, ['payload']), minifyJson(sent.json), `${entry.id}: payload echoed as raw text`);
        else assert.equal(body['returnData'], minifyJson(sent.json), `${entry.id}: returnData is the data's JSON text`);
      }
    }
  });

  it('keeps integers beyond 2^53 digit for digit', () => {
    const request = '{"enrollmentGroup":{},"deviceRuntimeContext":{"registrationId":"r1","symmetricKey":{},"payload":{"n":123456789012345678901234567890}},"linkedHubs":["h.azure-devices.net"]}';
    assert.match(allocate(request).text, /"payload":\{"n":123456789012345678901234567890\}/);
    const preview = request.replace('"payload"', '"data"');
    assert.equal((JSON.parse(allocate(preview).text) as { returnData: string }).returnData, '{"n":123456789012345678901234567890}');
  });

  it('echoes numbers as written, strings by value, and the last of a member named twice', () => {
    const request = '{"deviceRuntimeContext":{"registrationId":"r1","symmetricKey":{},"payload":{"e":1E3,"z":-0,"d":1.50,"s":"caf\\u00e9 \\/","n":1,"n":9007199254740993}},"linkedHubs":["h.azure-devices.net"]}';
    assert.match(allocate(request).text, /"payload":\{"e":1E3,"z":-0,"d":1\.50,"s":"café \/","n":9007199254740993\}/);
  });

  it('detects the dialect per request, or takes ?dialect=', () => {
    const base = (data: string): string => `{"deviceRuntimeContext":{"registrationId":"r","symmetricKey":{}${data}},"linkedHubs":["h.azure-devices.net"]}`;
    assert.match(allocate(base(',"payload":{"a":1}')).text, /"payload":\{"a":1\}/);
    assert.match(allocate(base(',"data":{"a":1}')).text, /"returnData":"\{\\"a\\":1\}"/);
    assert.match(allocate(base(',"data":{"a":1}'), 'ga').text, /^\{"iotHubHostName":"h\.azure-devices\.net","initialTwin":\{[^}]*"dialect":"ga"/);
  });

  it('refuses what is not an allocation request with 400', () => {
    assert.equal(allocate('not json').status, 400);
    assert.equal(allocate('{"deviceRuntimeContext":{"registrationId":"r"}}').status, 400);
    assert.equal(allocate('{"deviceRuntimeContext":{},"linkedHubs":["h"]}').status, 400);
  });

  it('chooses hubs deterministically and without case', () => {
    const hubs = ['a.azure-devices.net', 'b.azure-devices.net', 'c.azure-devices.net'];
    assert.equal(chooseHub('Device-1', hubs), chooseHub('device-1', hubs));
    assert.ok(new Set(Array.from({ length: 30 }, (_, i) => chooseHub(`dev-${i}`, hubs))).size > 1, 'spreads devices over hubs');
  });

  it('requires the function key as ?code= when started with one', async () => {
    const webhook = await startReferenceWebhook({ functionKey: 'k-123456' });
    try {
      const body = allocationRequestFor(loadCorpus()[0] ?? assert.fail('empty corpus'), 'ga').text;
      const without = await boundedRequest({ url: webhook.url, body });
      const wrong = await boundedRequest({ url: `${webhook.url}?code=nope`, body });
      const right = await boundedRequest({ url: `${webhook.url}?code=k-123456`, body });
      assert.deepEqual([without, wrong, right].map((o) => (o.kind === 'answered' ? o.status : o.kind)), [401, 401, 200]);
    } finally {
      await webhook.close();
    }
  });
});
