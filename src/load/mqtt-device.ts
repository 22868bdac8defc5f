import { connectAsync, type MqttClient } from 'mqtt';
import { deriveDeviceKey, signSasToken } from '../emulator/index.js';
import { registerAndPoll, type DeviceEndpoint, type DpsAnswer, type RegisterOptions, type RegistrationEnd, type SimulatedDevice } from './simulated-device.js';

const RESPONSE = /^\$dps\/registrations\/res\/(\d+)\/\?(.*)$/;
const REGISTER_TOPIC = '$dps/registrations/PUT/iotdps-register/?$rid=';
const POLL_TOPIC = '$dps/registrations/GET/iotdps-get-operationstatus/?$rid=';

/**
 * A simulated device over MQTT (3.1.1 over TLS, docs/protocol/mqtt.md): connected and subscribed once, then each
 * registration publishes `iotdps-register` and `iotdps-get-operationstatus` and waits for the answer
 * with its `$rid` on `$dps/registrations/res/...`. One message listener dispatches by `$rid`.
 */
export class MqttDevice implements SimulatedDevice {
  readonly #pending = new Map<string, { resolve(answer: DpsAnswer): void; reject(error: Error): void }>();
  #rid = 0;

  private constructor(
    readonly registrationId: string,
    private readonly client: MqttClient,
  ) {
    client.on('message', (topic, payload) => this.#onMessage(topic, payload));
    client.on('close', () => {
      for (const waiter of this.#pending.values()) waiter.reject(Object.assign(new Error('connection closed'), { code: 'closed' }));
      this.#pending.clear();
    });
  }

  /** Connects (SAS as password, signed once for a day) and subscribes to the response topics. */
  static async connect(endpoint: DeviceEndpoint, registrationId: string, groupKey: string): Promise<MqttDevice> {
    const password = signSasToken({ idScope: endpoint.idScope, registrationId, key: deriveDeviceKey(groupKey, registrationId), expiry: Math.floor(Date.now() / 1000) + 86_400 });
    const client = await connectAsync({
      host: endpoint.host,
      port: endpoint.mqttPort,
      protocol: 'mqtts',
      protocolVersion: 4,
      clientId: registrationId,
      username: `${endpoint.idScope}/registrations/${registrationId}/api-version=2019-03-31`,
      password,
      ca: endpoint.caPem,
      servername: 'localhost',
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      clean: true,
    });
    await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });
    return new MqttDevice(registrationId, client);
  }

  register(body: string, options: RegisterOptions): Promise<RegistrationEnd> {
    return registerAndPoll((step, signal) => (step.kind === 'register' ? this.#send(REGISTER_TOPIC, '', body, signal) : this.#send(POLL_TOPIC, `&operationId=${step.operationId}`, '', signal)), body, options);
  }

  #send(topicHead: string, topicTail: string, body: string, signal: AbortSignal): Promise<DpsAnswer> {
    const rid = String((this.#rid += 1));
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason as Error);
      const onAbort = (): void => {
        this.#pending.delete(rid);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(rid, {
        resolve: (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        },
        reject: (error) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      });
      this.client.publish(`${topicHead}${rid}${topicTail}`, body, { qos: 1 }, (error) => {
        const waiter = error ? this.#pending.get(rid) : undefined;
        if (!waiter || !error) return;
        this.#pending.delete(rid);
        waiter.reject(error);
      });
    });
  }

  #onMessage(topic: string, payload: Buffer): void {
    const match = RESPONSE.exec(topic);
    if (!match) return;
    const params = new URLSearchParams(match[2]);
    const rid = params.get('$rid') ?? '';
    const waiter = this.#pending.get(rid);
    if (!waiter) return;
    this.#pending.delete(rid);
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
    } catch {
      // a non-JSON answer keeps an empty body; the status decides
    }
    const retryAfter = params.get('retry-after');
    waiter.resolve({ status: Number(match[1]), body, ...(retryAfter === null ? {} : { retryAfterSeconds: Number(retryAfter) || 0 }) });
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}
