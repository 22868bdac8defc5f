import assert from 'node:assert/strict';
import { judgeAllocationAnswer } from '../../src/dps/judge-allocation-answer.js';
import { interpretWebhookAnswer } from '../../src/emulator/allocation/interpret-webhook-answer.js';
import { judgeWebhookAnswer } from '../../src/load/judge-webhook-answer.js';
import type { BoundedOutcome } from '../../src/http/bounded-outcome.js';

const linked = ['hub-a.azure-devices.net', 'hub-b.azure-devices.net'];

function answered(status: number, body: string): BoundedOutcome {
  return { kind: 'answered', status, statusMessage: '', headers: {}, bodyBytes: Buffer.from(body), truncated: false, timing: { startedAt: '', totalMs: 1 } };
}

describe('judgeAllocationAnswer: the one judge of a webhook answer', () => {
  it('reads each way an answer can go', () => {
    assert.equal(judgeAllocationAnswer(401, '', linked).kind, 'unauthorized');
    assert.deepEqual(judgeAllocationAnswer(404, 'no', linked), { kind: 'refused', status: 404 });
    assert.equal(judgeAllocationAnswer(200, '{', linked).kind, 'notJson');
    assert.equal(judgeAllocationAnswer(200, '[1]', linked).kind, 'notObject');
    assert.equal(judgeAllocationAnswer(200, '{"iotHubHostName":""}', linked).kind, 'hubNotSpecified');
    assert.equal(judgeAllocationAnswer(200, '{"iotHubHostName":null}', linked).kind, 'hubNotSpecified');
    assert.deepEqual(judgeAllocationAnswer(200, '{"iotHubHostName":"elsewhere.example"}', linked), { kind: 'hubNotLinked', hub: 'elsewhere.example' });
    assert.deepEqual(judgeAllocationAnswer(200, '{"iotHubHostName":7}', linked), { kind: 'hubNotLinked', hub: 7 });
    assert.equal(judgeAllocationAnswer(200, '{"iotHubHostName":"hub-b.azure-devices.net"}', linked).kind, 'assigned');
  });

  it('compares hubs without case, in the emulator and in load alike (load used to compare with case)', () => {
    const body = '{"iotHubHostName":"HUB-A.Azure-Devices.NET"}';
    assert.equal(judgeAllocationAnswer(200, body, linked).kind, 'assigned');
    assert.equal(interpretWebhookAnswer(200, body, 'ga', linked).kind, 'assigned');
    assert.deepEqual(judgeWebhookAnswer(answered(200, body), linked, false), { outcome: 'ok' });
  });

  it('gives load the same error kinds as before', () => {
    assert.deepEqual(judgeWebhookAnswer(answered(500, ''), linked, false), { outcome: 'error', detail: 'HTTP 500' });
    assert.deepEqual(judgeWebhookAnswer(answered(200, 'x'), linked, false), { outcome: 'error', detail: 'not JSON' });
    assert.deepEqual(judgeWebhookAnswer(answered(200, '"s"'), linked, false), { outcome: 'error', detail: 'not a JSON object' });
    assert.deepEqual(judgeWebhookAnswer(answered(200, '{}'), linked, false), { outcome: 'error', detail: 'no iotHubHostName' });
    assert.deepEqual(judgeWebhookAnswer(answered(200, '{"iotHubHostName":"x.example"}'), linked, false), { outcome: 'error', detail: 'hub not linked' });
  });
});
