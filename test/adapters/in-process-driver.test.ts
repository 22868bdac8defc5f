import assert from 'node:assert/strict';
import { join } from 'node:path';
import { InProcessDriver } from '../../src/adapters/in-process-driver.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { repoRoot } from '../helpers/run-cli.js';
import { isResultReply, isSkippedReply } from '../../src/adapters/protocol-types.js';

describe('in-process loader (msw routes the implementation to the emulator)', function () {
  this.timeout(20_000);
  let emulator: RunningEmulator | undefined;
  let driver: InProcessDriver | undefined;
  afterEach(async () => {
    await driver?.stop();
    await emulator?.close();
    driver = undefined;
    emulator = undefined;
  });

  it('registers the reference device over https although it was told the global DPS host', async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
    driver = new InProcessDriver({ module: join(repoRoot, 'dist', 'implementations', 'reference-device', 'in-process.js') });
    const claims = await driver.start();
    assert.deepEqual(claims.transports, ['https'], 'only HTTP(S) can be intercepted');
    const registrationId = 'in-process-dev-1';
    emulator.plan(registrationId, { dialect: 'ga', retryAfterSeconds: 0 });
    const exchange = await driver.register({
      dialect: 'ga',
      transport: 'https',
      endpoint: { host: emulator.host, httpsPort: emulator.httpsPort, mqttPort: emulator.mqttPort, caPem: emulator.caPem },
      idScope: emulator.idScope,
      registrationId,
      attestation: { type: 'symmetricKey', key: emulator.deriveDeviceKey(registrationId) },
      data: { modelId: 'dtmi:com:example:Thermostat;1' },
      timeoutMs: 10_000,
    });
    assert.ok(isResultReply(exchange.reply), JSON.stringify(exchange.reply));
    assert.equal(exchange.reply.result.status, 'assigned');
    assert.deepEqual(exchange.reply.result.returnData, { modelId: 'dtmi:com:example:Thermostat;1' });
    const kinds = emulator.transcript.forRegistration(registrationId).filter((e) => e.frontEnd === 'https').map((e) => e.kind);
    assert.ok(kinds.includes('register') && kinds.includes('poll'), `the emulator saw the requests: ${kinds.join(', ')}`);
  });

  it('answers mqtt with skipped: msw does not intercept MQTT', async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
    driver = new InProcessDriver({ module: join(repoRoot, 'dist', 'implementations', 'reference-device', 'in-process.js') });
    await driver.start();
    const exchange = await driver.register({
      dialect: 'ga',
      transport: 'mqtt',
      endpoint: { host: emulator.host, httpsPort: emulator.httpsPort, mqttPort: emulator.mqttPort, caPem: emulator.caPem },
      idScope: emulator.idScope,
      registrationId: 'in-process-dev-2',
      attestation: { type: 'symmetricKey', key: emulator.deriveDeviceKey('in-process-dev-2') },
      timeoutMs: 10_000,
    });
    assert.ok(isSkippedReply(exchange.reply));
  });
});
