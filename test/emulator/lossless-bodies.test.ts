import assert from 'node:assert/strict';
import { startEmulator, webhookAllocator, type RunningEmulator } from '../../src/emulator/index.js';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { API, poll, sasFor } from './helpers/device.js';
import { httpsCall, type HttpsAnswer } from './helpers/https-call.js';
import { connectDevice, pollTopic, REGISTER_TOPIC, request, type MqttAnswer } from './helpers/mqtt-device.js';

/** Beyond 2^53: JSON.parse would make it 12345678901234567000000. */
const BIG = '12345678901234567890123';

describe('emulator: bodies pass losslessly (integers beyond 2^53)', () => {
  let webhook: RunningWebhook;
  let emulator: RunningEmulator;
  before(async () => {
    // the reference webhook echoes the device data from the request text, never re-serialised
    webhook = await startReferenceWebhook();
    emulator = await startEmulator({ retryAfterSeconds: 0, allocator: webhookAllocator({ url: webhook.url, timeoutMs: 5000 }) });
  });
  after(async () => {
    await emulator.close();
    await webhook.close();
  });

  const bodyOf = (registrationId: string): string => `{"registrationId":"${registrationId}","payload":{"big":${BIG}}}`;

  async function registerOverHttps(registrationId: string): Promise<HttpsAnswer> {
    const first = await httpsCall(emulator, { method: 'PUT', path: `/${emulator.idScope}/registrations/${registrationId}/register?${API}`, body: bodyOf(registrationId), headers: { authorization: sasFor(emulator, registrationId) } });
    assert.equal(first.status, 202, first.text);
    for (let i = 0; i < 100; i += 1) {
      const answer = await poll(emulator, registrationId, String(first.json['operationId']));
      if (answer.status !== 202) return answer;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('never assigned');
  }

  it('HTTPS: the webhook payload reaches the device with every digit, and the transcript keeps the exact texts', async () => {
    const last = await registerOverHttps('lossless-https');
    assert.equal(last.status, 200, last.text);
    assert.ok(last.text.includes(`"payload":{"big":${BIG}}`), last.text);

    const entries = emulator.transcript.forRegistration('lossless-https');
    const put = entries.find((e) => e.kind === 'register');
    assert.equal(put?.request.bodyText, bodyOf('lossless-https'));
    const answered = entries.filter((e) => e.kind === 'poll').pop();
    assert.equal(answered?.response?.bodyText, last.text, 'the transcript holds the bytes the device got');
    const call = entries.find((e) => e.kind === 'webhook-call');
    assert.match(call?.request.bodyText ?? '', new RegExp(`"payload":\\{"big":${BIG}\\}`), 'the AllocationRequest as sent');
    assert.match(call?.response?.bodyText ?? '', new RegExp(`"payload":\\{"big":${BIG}\\}`), 'the webhook answer as received');
  });

  it('HTTPS status lookup: the stored result keeps every digit too', async () => {
    await registerOverHttps('lossless-lookup');
    const answer = await httpsCall(emulator, { method: 'POST', path: `/${emulator.idScope}/registrations/lossless-lookup?${API}`, body: '{"registrationId":"lossless-lookup"}', headers: { authorization: sasFor(emulator, 'lossless-lookup') } });
    assert.equal(answer.status, 200, answer.text);
    assert.ok(answer.text.includes(`"payload":{"big":${BIG}}`), answer.text);
  });

  for (const ws of [false, true]) {
    it(`MQTT${ws ? ' over WebSocket' : ''}: the webhook payload reaches the device with every digit`, async () => {
      const registrationId = ws ? 'lossless-mqtt-ws' : 'lossless-mqtt';
      const client = await connectDevice(emulator, registrationId, { ws });
      try {
        await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
        const first = await request(client, REGISTER_TOPIC, bodyOf(registrationId), '1');
        let last: MqttAnswer = first;
        for (let i = 2; i < 100 && last.status === 202; i += 1) {
          await new Promise((r) => setTimeout(r, 10));
          last = await request(client, pollTopic(String(first.json['operationId'])), '', String(i));
        }
        assert.equal(last.status, 200, last.text);
        assert.ok(last.text.includes(`"payload":{"big":${BIG}}`), last.text);
        const answered = emulator.transcript.forRegistration(registrationId).filter((e) => e.kind === 'poll').pop();
        assert.equal(answered?.response?.bodyText, last.text);
      } finally {
        await client.endAsync();
      }
    });
  }

  it('the static allocator echoes the device data as written (ga payload object, preview returnData string)', async () => {
    const plain = await startEmulator({ retryAfterSeconds: 0 });
    try {
      const path = `/${plain.idScope}/registrations/echo-ga/register?${API}`;
      const first = await httpsCall(plain, { method: 'PUT', path, body: `{"registrationId":"echo-ga","payload":{"big":${BIG}}}`, headers: { authorization: sasFor(plain, 'echo-ga') } });
      const done = await poll(plain, 'echo-ga', String(first.json['operationId']));
      assert.ok(done.text.includes(`"payload":{"big":${BIG}}`), done.text);

      plain.plan('echo-preview', { dialect: 'preview' });
      const previewPath = `/${plain.idScope}/registrations/echo-preview/register?${API}`;
      const second = await httpsCall(plain, { method: 'PUT', path: previewPath, body: `{"registrationId":"echo-preview","data":[${BIG}]}`, headers: { authorization: sasFor(plain, 'echo-preview') } });
      const previewDone = await poll(plain, 'echo-preview', String(second.json['operationId']));
      assert.equal((previewDone.json['registrationState'] as Record<string, unknown>)['returnData'], `[${BIG}]`);
    } finally {
      await plain.close();
    }
  });
});
