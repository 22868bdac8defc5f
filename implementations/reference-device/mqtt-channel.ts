import { randomUUID } from 'node:crypto';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { DeviceRegistration, DpsAnswer, DpsChannel } from './device-types.js';
import { DeviceError } from './device-types.js';
import { API_VERSION, parseRetryAfter } from './https-channel.js';
import { registrationSasToken } from './sas-token.js';

const RESPONSE_TOPIC = /^\$dps\/registrations\/res\/(\d{3})\/\?(.*)$/;
const CLIENT_VERSION = encodeURIComponent('dps-conformance-reference-device/1');

/**
 * DPS over MQTT 3.1.1 (docs/protocol/mqtt.md): over TLS on the MQTT port, or over a WebSocket
 * (`/$iothub/websocket`, subprotocol `mqtt`) on the HTTPS port. Client id = registration id, username
 * `{idScope}/registrations/{id}/api-version=...`, password = SAS; subscribe to `$dps/registrations/res/#`
 * with QoS 1; requests are QoS 1 publishes correlated by `$rid`.
 */
export async function openMqttChannel(reg: DeviceRegistration, timeoutMs: number): Promise<DpsChannel> {
  const expiry = Math.ceil(Date.now() / 1000) + 3600;
  const overWebSocket = reg.transport === 'mqtt-ws';
  const url = overWebSocket ? `wss://${reg.host}:${reg.httpsPort}/$iothub/websocket` : `mqtts://${reg.host}:${reg.mqttPort}`;
  const options: IClientOptions = {
    protocolVersion: 4,
    clientId: reg.registrationId,
    username: `${reg.idScope}/registrations/${reg.registrationId}/api-version=${API_VERSION}&ClientVersion=${CLIENT_VERSION}`,
    password: registrationSasToken(reg.idScope, reg.registrationId, reg.deviceKey, expiry),
    clean: true,
    keepalive: 60,
    reconnectPeriod: 0,
    connectTimeout: timeoutMs,
    ca: reg.caPem,
    rejectUnauthorized: true,
    ...(overWebSocket ? { wsOptions: { ca: reg.caPem, protocol: 'mqtt' } } : {}),
  };
  const client: MqttClient = connect(url, options);
  const waiting = new Map<string, { resolve: (answer: DpsAnswer) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error): void => {
    for (const waiter of waiting.values()) waiter.reject(error);
    waiting.clear();
  };

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error & { code?: number }): void => {
      client.end(true);
      // CONNACK 4 (bad user name or password) and 5 (not authorised) mean the credentials were refused
      const statusCode = error.code === 4 || error.code === 5 ? 401 : undefined;
      reject(new DeviceError(`MQTT connect failed: ${error.message}`, statusCode));
    };
    client.once('error', onError);
    client.once('close', () => onError(new Error('the connection closed before CONNACK')));
    client.once('connect', () => {
      // PUBACK and the next PUBLISH go out back to back: without this, Nagle holds the second for a delayed ACK
      (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
      client.removeAllListeners('error');
      client.removeAllListeners('close');
      resolve();
    });
  });
  client.on('error', (error) => failAll(new DeviceError(`MQTT error: ${error.message}`)));
  client.on('close', () => failAll(new DeviceError('the MQTT connection closed')));
  client.on('message', (topic, payload) => {
    const match = RESPONSE_TOPIC.exec(topic);
    if (!match) return;
    const query = new URLSearchParams(match[2]);
    const rid = query.get('$rid') ?? '';
    const waiter = waiting.get(rid);
    if (!waiter) return;
    waiting.delete(rid);
    const answer: DpsAnswer = { status: Number(match[1]), bodyText: payload.toString('utf8') };
    const retryAfter = parseRetryAfter(query.get('retry-after'));
    if (retryAfter !== undefined) answer.retryAfterSeconds = retryAfter;
    waiter.resolve(answer);
  });
  await client.subscribeAsync('$dps/registrations/res/#', { qos: 1 });

  const exchange = (topic: string, rid: string, body: string, ms: number): Promise<DpsAnswer> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(rid);
        reject(new DeviceError(`no MQTT answer within ${ms} ms`));
      }, ms);
      const settle = <T>(fn: (value: T) => void) => (value: T): void => {
        clearTimeout(timer);
        fn(value);
      };
      waiting.set(rid, { resolve: settle(resolve), reject: settle(reject) });
      client.publish(topic, body, { qos: 1 }, (error) => {
        if (error) {
          waiting.delete(rid);
          settle(reject)(new DeviceError(`MQTT publish failed: ${error.message}`));
        }
      });
    });

  return {
    register: (bodyText, ms) => {
      const rid = randomUUID();
      return exchange(`$dps/registrations/PUT/iotdps-register/?$rid=${rid}`, rid, bodyText, ms);
    },
    poll: (operationId, ms) => {
      const rid = randomUUID();
      return exchange(`$dps/registrations/GET/iotdps-get-operationstatus/?$rid=${rid}&operationId=${encodeURIComponent(operationId)}`, rid, '', ms);
    },
    close: () => client.endAsync().catch(() => undefined),
  };
}
