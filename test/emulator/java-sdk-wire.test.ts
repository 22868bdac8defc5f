import assert from 'node:assert/strict';
import { connectAsync, type IClientOptions } from 'mqtt';
import { WebSocket } from 'ws';
import { signSasToken, startEmulator, verifySasToken, type RunningEmulator } from '../../src/emulator/index.js';
import { sasFor } from './helpers/device.js';

/** What the Java SDK puts on the wire that the emulator must take as DPS does (docs/contract/bundled-implementations.md). */
describe('emulator: the Java SDK\'s SAS token and WebSocket path', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator.close();
  });

  it('takes an empty skn= as no key name: accepted by default, refused with requireKeyName', () => {
    const key = emulator.deriveDeviceKey('java-dev');
    const expiry = Math.floor(Date.now() / 1000) + 600;
    const token = `${signSasToken({ idScope: emulator.idScope, registrationId: 'java-dev', key, expiry, keyName: null })}&skn=`;
    const check = { idScope: emulator.idScope, registrationId: 'java-dev', keys: [key] };
    assert.equal(verifySasToken(token, check).ok, true);
    assert.deepEqual(verifySasToken(token, { ...check, requireKeyName: true }), { ok: false, reason: 'token lacks skn' });
    assert.equal(verifySasToken(token.replace(/skn=$/, 'skn=owner'), check).ok, false);
  });

  for (const path of ['/$iothub/websocket', '/mqtt']) {
    it(`serves MQTT over WebSocket at ${path}`, async () => {
      const options: IClientOptions = {
        protocolVersion: 4,
        clientId: 'ws-dev',
        username: `${emulator.idScope}/registrations/ws-dev/api-version=2019-03-31&ClientVersion=test`,
        password: sasFor(emulator, 'ws-dev'),
        reconnectPeriod: 0,
        connectTimeout: 10_000,
        protocol: 'wss',
        wsOptions: { ca: emulator.caPem, protocol: 'mqtt' },
      };
      const client = await connectAsync(`wss://localhost:${emulator.httpsPort}${path}`, options);
      assert.equal(client.connected, true);
      await client.endAsync();
    });
  }

  it('still refuses an upgrade at any other path (404)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`wss://localhost:${emulator.httpsPort}/elsewhere`, 'mqtt', { ca: emulator.caPem });
      socket.once('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('open', () => reject(new Error('upgraded')));
      socket.once('error', () => undefined);
    });
    assert.equal(status, 404);
  });
});
