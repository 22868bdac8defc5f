import assert from 'node:assert/strict';
import { startEmulator } from '../../src/emulator/index.js';
import { startReferenceWebhook } from '../../implementations/reference-webhook/start-reference-webhook.js';
import { listeningAddresses } from './listening-addresses.js';

describe('security: servers bind to 127.0.0.1 unless told otherwise', () => {
  it('the emulator listens on 127.0.0.1 only, for HTTPS and MQTT', async () => {
    const emulator = await startEmulator({ httpsPort: 0, mqttPort: 0, retryAfterSeconds: 0 });
    try {
      assert.equal(emulator.host, '127.0.0.1');
      assert.deepEqual(await listeningAddresses(emulator.httpsPort), ['127.0.0.1']);
      assert.deepEqual(await listeningAddresses(emulator.mqttPort), ['127.0.0.1']);
    } finally {
      await emulator.close();
    }
  });

  it('the reference webhook (module) listens on 127.0.0.1 only', async () => {
    const webhook = await startReferenceWebhook({ port: 0 });
    try {
      const port = Number(new URL(webhook.url).port);
      assert.deepEqual(await listeningAddresses(port), ['127.0.0.1']);
    } finally {
      await webhook.close();
    }
  });
});
