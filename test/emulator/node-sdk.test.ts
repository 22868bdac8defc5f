import assert from 'node:assert/strict';
import { Agent, type AgentOptions } from 'node:https';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import type { TcpNetConnectOpts } from 'node:net';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';

// The real Azure IoT Node SDK (CommonJS, untyped here): only its public constructors are used.
/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access */
const require = createRequire(import.meta.url);
const { ProvisioningDeviceClient } = require('azure-iot-provisioning-device');
const { Http } = require('azure-iot-provisioning-device-http');
const { Mqtt, MqttWs } = require('azure-iot-provisioning-device-mqtt');
const { SymmetricKeySecurityClient } = require('azure-iot-security-symmetric-key');
const { Http: HttpBase } = require('azure-iot-http-base');
const { MqttBase } = require('azure-iot-mqtt-base');

/** Sends every SDK connection to the emulator's port on 127.0.0.1, verifying the certificate as localhost. */
class RedirectAgent extends Agent {
  readonly #port: number;
  constructor(port: number, options: AgentOptions) {
    super({ keepAlive: false, ...options });
    this.#port = port;
  }
  override createConnection(options: TcpNetConnectOpts, callback?: (error: Error | null, socket: Duplex) => void): Duplex {
    return (Agent.prototype as unknown as { createConnection: (o: unknown, c?: unknown) => Duplex }).createConnection.call(this, { ...options, host: '127.0.0.1', port: this.#port, servername: 'localhost' }, callback);
  }
}

function transportFor(kind: 'https' | 'mqtt' | 'mqtt-ws', emulator: RunningEmulator): { host: string; transport: unknown } {
  const ca = emulator.caPem;
  if (kind === 'https') {
    const base = new HttpBase();
    base.setOptions({ ca, http: { agent: new RedirectAgent(emulator.httpsPort, { ca }) } });
    return { host: 'localhost', transport: new Http(base) };
  }
  const base = new MqttBase();
  if (kind === 'mqtt') {
    base.setOptions({ ca });
    return { host: `localhost:${emulator.mqttPort}`, transport: new Mqtt(base) };
  }
  base.setOptions({ ca, mqtt: { webSocketAgent: new RedirectAgent(emulator.httpsPort, { ca }) } });
  return { host: 'localhost', transport: new MqttWs(base) };
}

describe('emulator with the real Azure IoT Node provisioning SDK', () => {
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator({ retryAfterSeconds: 0 });
  });
  after(() => emulator.close());

  for (const kind of ['https', 'mqtt', 'mqtt-ws'] as const) {
    it(`registers over ${kind} with a payload and gets it back`, async () => {
      const registrationId = `sdk-${kind}`;
      const { host, transport } = transportFor(kind, emulator);
      const client = ProvisioningDeviceClient.create(
        host,
        emulator.idScope,
        transport,
        new SymmetricKeySecurityClient(registrationId, emulator.deriveDeviceKey(registrationId)),
      );
      client.setProvisioningPayload({ modelId: 'dtmi:com:example:Thermostat;1' });
      const result = (await client.register()) as Record<string, unknown>;
      assert.equal(result['status'], 'assigned');
      assert.equal(result['assignedHub'], emulator.linkedHubs[0]);
      assert.deepEqual(result['payload'], { modelId: 'dtmi:com:example:Thermostat;1' });
      const obs = emulator.observations().registrations.find((r) => r.registrationId === registrationId);
      assert.deepEqual(obs?.transports, [kind]);
      assert.deepEqual(obs?.unexpected, []);
      assert.equal(obs?.validation.invalid, 0);
    });
  }
});
