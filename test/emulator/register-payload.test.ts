import assert from 'node:assert/strict';
import { startEmulator, webhookAllocator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';
import { startReferenceWebhook, type RunningWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { registerPath, registerUntilDone, sasFor } from './helpers/device.js';
import { httpsCall, type HttpsAnswer } from './helpers/https-call.js';

/** The body the Azure IoT Java SDK sends: its payload is a Gson String field, so a JSON string holding JSON. */
const JAVA_BODY = (id: string): string => `{"registrationId":"${id}","payload":"{\\"modelId\\":\\"dtmi:com:example:Thermostat;1\\",\\"n\\":12345678901234567890}"}`;

function registerText(emulator: RunningEmulator, id: string, text: string): Promise<HttpsAnswer> {
  return httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, id), body: text, headers: { authorization: sasFor(emulator, id) } });
}

/** deviceRuntimeContext.payload of the emulator's call to the webhook, as the exact text it sent. */
function webhookPayloadText(emulator: RunningEmulator, id: string): string | undefined {
  const call = emulator.transcript.forRegistration(id).find((e) => e.kind === 'webhook-call');
  return call?.request.bodyText?.match(/"payload":("(?:[^"\\]|\\.)*"|\{.*?\})[,}]/)?.[1];
}

describe('the register body: a payload that is not a JSON object (docs/emulator-behaviour.md)', function () {
  this.timeout(20_000);
  let webhook: RunningWebhook;
  let emulator: RunningEmulator | undefined;
  before(async () => {
    webhook = await startReferenceWebhook();
  });
  after(() => webhook.close());
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });
  const start = async (options: EmulatorOptions = {}): Promise<RunningEmulator> => {
    emulator = await startEmulator({ retryAfterSeconds: 0, allocator: webhookAllocator({ url: webhook.url }), ...options });
    return emulator;
  };
  const finish = async (e: RunningEmulator, id: string, first: HttpsAnswer): Promise<HttpsAnswer> => {
    let last = first;
    for (let i = 0; i < 40 && last.status === 202; i += 1) {
      last = await httpsCall(e, { method: 'GET', path: `/${e.idScope}/registrations/${id}/operations/${String(first.json['operationId'])}?api-version=2019-03-31`, headers: { authorization: sasFor(e, id) } });
    }
    return last;
  };

  it('accepts a JSON string holding a JSON object, as DPS does: the webhook gets the object, the device gets an object back', async () => {
    const e = await start();
    const first = await registerText(e, 'java-1', JAVA_BODY('java-1'));
    assert.equal(first.status, 202, first.text);
    const done = await finish(e, 'java-1', first);
    assert.equal(done.status, 200);
    // every digit kept on the way: the webhook got the string's content as JSON, and echoed it
    assert.equal(webhookPayloadText(e, 'java-1'), '{"modelId":"dtmi:com:example:Thermostat;1","n":12345678901234567890}');
    assert.match(done.text, /"payload":\{"modelId":"dtmi:com:example:Thermostat;1","n":12345678901234567890\}/);
    const register = e.transcript.forRegistration('java-1').find((entry) => entry.kind === 'register');
    assert.ok(register?.notes?.notes?.some((note) => note.includes('JSON string holding a JSON object')));
  });

  it('with stringPayloadToWebhook as-sent the webhook gets the string, and an echo of it is not delivered', async () => {
    const e = await start({ stringPayloadToWebhook: 'as-sent' });
    const first = await registerText(e, 'java-2', JAVA_BODY('java-2'));
    assert.equal(first.status, 202);
    const done = await finish(e, 'java-2', first);
    assert.equal(webhookPayloadText(e, 'java-2')?.startsWith('"{\\"modelId\\"'), true);
    assert.equal(done.json['status'], 'assigned');
    assert.doesNotMatch(done.text, /"payload"/);
  });

  it('with strictPayload refuses it with 400012, naming the documented contract', async () => {
    const e = await start({ strictPayload: true });
    const refused = await registerText(e, 'java-3', JAVA_BODY('java-3'));
    assert.equal(refused.status, 400);
    assert.equal(refused.json['errorCode'], 400012);
    assert.match(String(refused.json['message']), /must be a JSON object/);
  });

  it('refuses a string that is not JSON by default, and passes it on as the string with nonJsonStringPayload accept', async () => {
    const e = await start();
    const refused = await registerText(e, 'text-1', '{"registrationId":"text-1","payload":"hello"}');
    assert.equal(refused.status, 400);
    assert.equal(refused.json['errorCode'], 400012);
    assert.match(String(refused.json['message']), /not JSON/);
    const array = await registerText(e, 'text-2', '{"registrationId":"text-2","payload":"[1,2]"}');
    assert.equal(array.status, 400, 'a string holding JSON that is not an object is refused like a non-object payload');
    await e.close();
    const lenient = await start({ nonJsonStringPayload: 'accept' });
    const accepted = await registerText(lenient, 'text-3', '{"registrationId":"text-3","payload":"hello"}');
    assert.equal(accepted.status, 202);
    await finish(lenient, 'text-3', accepted);
    assert.equal(webhookPayloadText(lenient, 'text-3'), '"hello"');
  });

  it('still refuses a payload of another type (a number, an array) and keeps null as no payload', async () => {
    const e = await start();
    assert.equal((await registerText(e, 'num-1', '{"registrationId":"num-1","payload":42}')).status, 400);
    assert.equal((await registerText(e, 'arr-1', '{"registrationId":"arr-1","payload":[1]}')).status, 400);
    assert.equal((await registerText(e, 'null-1', '{"registrationId":"null-1","payload":null}')).status, 202);
  });

  it('reads a JSON string payload no deeper than the body: a string holding JSON nested past maxJsonDepth is refused, never parsed', async () => {
    const e = await start({ maxJsonDepth: 8 });
    const inner = '{"a":'.repeat(10) + '1' + '}'.repeat(10);
    const refused = await registerText(e, 'deep-1', JSON.stringify({ registrationId: 'deep-1', payload: inner }));
    assert.equal(refused.status, 400);
    assert.match(String(refused.json['message']), /JSON string holding JSON nested 10 levels deep/);
    const shallow = '{"a":'.repeat(7) + '1' + '}'.repeat(7);
    assert.equal((await registerText(e, 'deep-2', JSON.stringify({ registrationId: 'deep-2', payload: shallow }))).status, 202);
  });
});

describe('non-ASCII in answers: raw UTF-8 by default, \\uXXXX escapes with asciiAnswers', function () {
  this.timeout(20_000);
  for (const ascii of [false, true]) {
    it(ascii ? 'escapes every non-ASCII character (BMP and beyond) with asciiAnswers' : 'writes raw UTF-8 by default', async () => {
      const emulator = await startEmulator({ retryAfterSeconds: 0, ...(ascii ? { asciiAnswers: true } : {}) });
      try {
        const answers = await registerUntilDone(emulator, 'utf-1', { registrationId: 'utf-1', payload: { name: 'Zoë 😀' } });
        const done = answers.at(-1);
        assert.equal(done?.status, 200);
        assert.deepEqual((done?.json['registrationState'] as { payload?: unknown } | undefined)?.payload, { name: 'Zoë 😀' });
        if (ascii) {
          assert.match(done?.text ?? '', /Zo\\u00eb \\ud83d\\ude00/);
          assert.ok([...(done?.text ?? '')].every((ch) => ch.charCodeAt(0) < 0x80), 'the whole answer is ASCII');
        } else {
          assert.match(done?.text ?? '', /Zoë 😀/);
        }
      } finally {
        await emulator.close();
      }
    });
  }
});
