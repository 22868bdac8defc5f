import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, webhookAllocator, type RunningEmulator } from '../../src/emulator/index.js';
import { registerUntilDone, sasFor } from './helpers/device.js';
import { httpsCall } from './helpers/https-call.js';

type Behaviour = (request: Record<string, unknown>, response: ServerResponse) => void;

/** A webhook whose behaviour each test sets; records what DPS sent it. */
class FakeWebhook {
  behaviour: Behaviour = (_req, res) => res.writeHead(500).end();
  readonly received: Record<string, unknown>[] = [];
  readonly server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      this.received.push(body);
      this.behaviour(body, res);
    });
  });
  url = '';
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/allocate?code=s3cret-function-key`;
  }
  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(typeof body === 'string' ? body : JSON.stringify(body));
};

describe('emulator with a custom allocation webhook', () => {
  const webhook = new FakeWebhook();
  let emulator: RunningEmulator;
  before(async () => {
    await webhook.start();
    emulator = await startEmulator({
      retryAfterSeconds: 0,
      allocator: webhookAllocator({
        url: webhook.url,
        // far beyond any answer of the in-process webhook on a busy machine: only the timeout case below waits it out
        timeoutMs: 20_000,
        retrySchedule: { retries: 2, initialMs: 5, incrementMs: 5 },
      }),
    });
  });
  after(async () => {
    await emulator.close();
    await webhook.close();
  });

  const finalState = async (registrationId: string, body?: unknown): Promise<Record<string, unknown>> => {
    const answers = await registerUntilDone(emulator, registrationId, body, 100);
    const last = answers[answers.length - 1]!;
    assert.equal(last.status, 200, last.text);
    return last.json['registrationState'] as Record<string, unknown>;
  };

  it('sends the ga AllocationRequest and assigns the hub the webhook names, returning its payload', async () => {
    webhook.behaviour = (req, res) => json(res, 200, { iotHubHostName: (req['linkedHubs'] as string[])[1], payload: { echo: (req['deviceRuntimeContext'] as Record<string, unknown>)['payload'] } });
    const state = await finalState('wh-ok', { registrationId: 'wh-ok', payload: { modelId: 'dtmi:com:example:Thermostat;1' } });
    assert.equal(state['status'], 'assigned');
    assert.equal(state['assignedHub'], emulator.linkedHubs[1]);
    const sent = webhook.received[webhook.received.length - 1]!;
    assert.equal((sent['enrollmentGroup'] as Record<string, unknown>)['enrollmentGroupId'], emulator.groupId);
    assert.deepEqual((sent['deviceRuntimeContext'] as Record<string, unknown>)['symmetricKey'], {});
    assert.ok(state['payload']);
    const calls = emulator.transcript.entries({ registrationId: 'wh-ok', frontEnd: 'webhook', kind: 'webhook-call' });
    assert.equal(calls.length, 1);
    assert.ok(!JSON.stringify(calls).includes('s3cret-function-key'), 'function key leaked into the transcript');
    // the request and the answer as values, parsed from the exact texts when the transcript is read
    const traced = calls[0]!;
    assert.deepEqual((traced.request.body as { body?: unknown }).body, JSON.parse(traced.request.bodyText ?? ''));
    assert.deepEqual((traced.response?.body as { body?: unknown }).body, JSON.parse(traced.response?.bodyText ?? ''));
    assert.equal((traced.response?.body as { status?: unknown }).status, 200);
  });

  it('forwards the device data verbatim, big integers included', async () => {
    let raw = '';
    webhook.server.once('request', (req: IncomingMessage) => req.on('data', (c: Buffer) => (raw += c.toString('utf8'))));
    webhook.behaviour = (req, res) => json(res, 200, { iotHubHostName: (req['linkedHubs'] as string[])[0] });
    const path = `/${emulator.idScope}/registrations/wh-bigint/register?api-version=2019-03-31`;
    await httpsCall(emulator, { method: 'PUT', path, body: '{"registrationId":"wh-bigint","payload":{"n":12345678901234567890}}', headers: { authorization: sasFor(emulator, 'wh-bigint') } });
    for (let i = 0; i < 50 && !raw.includes('}'); i += 1) await new Promise((r) => setTimeout(r, 10));
    assert.match(raw, /"payload":\{"n":12345678901234567890\}/);
  });

  it('200 with an empty hub -> failed 400208', async () => {
    webhook.behaviour = (_req, res) => json(res, 200, { iotHubHostName: '' });
    const state = await finalState('wh-nohub');
    assert.equal(state['status'], 'failed');
    assert.equal(state['errorCode'], 400208);
  });

  it('401 -> failed 400209', async () => {
    webhook.behaviour = (_req, res) => res.writeHead(401).end();
    assert.equal((await finalState('wh-401'))['errorCode'], 400209);
  });

  it('404 -> failed 400207 "Custom allocation failed with status code: 404"', async () => {
    webhook.behaviour = (_req, res) => res.writeHead(404).end('nope');
    const state = await finalState('wh-404');
    assert.equal(state['errorCode'], 400207);
    assert.equal(state['errorMessage'], 'Custom allocation failed with status code: 404');
  });

  it('429 is retried internally while the device sees assigning, then assigned', async () => {
    let calls = 0;
    webhook.behaviour = (req, res) => {
      calls += 1;
      if (calls < 3) return res.writeHead(429).end();
      json(res, 200, { iotHubHostName: (req['linkedHubs'] as string[])[0] });
    };
    emulator.plan('wh-429', { pollsBeforeDone: 0 });
    const state = await finalState('wh-429');
    assert.equal(state['status'], 'assigned');
    assert.equal(calls, 3);
  });

  it('503 past the retry budget -> failed 400207 with the last status', async () => {
    webhook.behaviour = (_req, res) => res.writeHead(503).end();
    const state = await finalState('wh-503');
    assert.equal(state['errorMessage'], 'Custom allocation failed with status code: 503');
  });

  it('non-JSON, an unlinked hub and a timeout -> failed 400207 with a descriptive message', async () => {
    webhook.behaviour = (_req, res) => json(res, 200, '<html>');
    assert.match(String((await finalState('wh-html'))['errorMessage']), /not a JSON object/);
    webhook.behaviour = (_req, res) => json(res, 200, { iotHubHostName: 'elsewhere.azure-devices.net' });
    assert.match(String((await finalState('wh-unlinked'))['errorMessage']), /not linked/);
    webhook.behaviour = () => undefined; // never answers
    // an emulator of its own with a short webhook timeout: the one case that waits it out
    const allocator = webhookAllocator({ url: webhook.url, timeoutMs: 300, retrySchedule: { retries: 0, initialMs: 5, incrementMs: 5 } });
    const impatient = await startEmulator({ retryAfterSeconds: 0, allocator });
    let state: Record<string, unknown>;
    try {
      const answers = await registerUntilDone(impatient, 'wh-timeout', undefined, 100);
      const last = answers[answers.length - 1]!;
      assert.equal(last.status, 200, last.text);
      state = last.json['registrationState'] as Record<string, unknown>;
    } finally {
      await impatient.close();
    }
    assert.equal(state['errorCode'], 400207);
    assert.match(String(state['errorMessage']), /within 300 ms/);
  });

  it('preview dialect: sends deviceRuntimeContext.data and returns the returnData string', async () => {
    webhook.behaviour = (req, res) => json(res, 200, { iotHubHostName: (req['linkedHubs'] as string[])[0], returnData: 'from-webhook' });
    emulator.plan('wh-preview', { dialect: 'preview' });
    const state = await finalState('wh-preview', { registrationId: 'wh-preview', data: [1, 'two'] });
    assert.equal(state['returnData'], 'from-webhook');
    assert.deepEqual((webhook.received[webhook.received.length - 1]!['deviceRuntimeContext'] as Record<string, unknown>)['data'], [1, 'two']);
  });
});
