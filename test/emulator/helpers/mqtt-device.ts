import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import WebSocket from 'ws';
import type { RunningEmulator } from '../../../src/emulator/index.js';
import { sasFor } from './device.js';

export interface MqttAnswer {
  topic: string;
  status: number;
  params: URLSearchParams;
  /** the payload exactly as received */
  text: string;
  json: Record<string, unknown>;
}

/** Connects as a DPS device with the `mqtt` npm client (MQTT 3.1.1 over TLS, or over WebSocket). */
export function connectDevice(
  emulator: RunningEmulator,
  registrationId: string,
  options: { password?: string; ws?: boolean; username?: string; onWebSocket?: (webSocket: WebSocket) => void } = {},
): Promise<MqttClient> {
  const common: IClientOptions = {
    protocolVersion: 4,
    clientId: registrationId,
    username: options.username ?? `${emulator.idScope}/registrations/${registrationId}/api-version=2019-03-31&ClientVersion=test%2F1.0`,
    password: options.password ?? sasFor(emulator, registrationId),
    ca: emulator.caPem,
    servername: 'localhost',
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  };
  if (options.ws) {
    const { onWebSocket } = options;
    // mqtt.js hides its WebSocket behind a stream: made here, a test can reach under it
    const createWebsocket = onWebSocket
      ? (url: string, protocols: string[]): WebSocket => {
          const webSocket = new WebSocket(url, protocols, { ca: emulator.caPem });
          onWebSocket(webSocket);
          return webSocket;
        }
      : undefined;
    return connectAsync(`wss://localhost:${emulator.httpsPort}/$iothub/websocket`, { ...common, protocol: 'wss', wsOptions: { ca: emulator.caPem, protocol: 'mqtt' }, ...(createWebsocket ? { createWebsocket } : {}) } as IClientOptions);
  }
  return connectAsync({ ...common, host: '127.0.0.1', port: emulator.mqttPort, protocol: 'mqtts' });
}

/** Publishes a DPS request and waits for the answer with the same $rid. */
export function request(client: MqttClient, topic: string, body: string | Buffer, rid: string): Promise<MqttAnswer> {
  return new Promise((resolve, reject) => {
    const onMessage = (answerTopic: string, payload: Buffer): void => {
      const match = /^\$dps\/registrations\/res\/(\d+)\/\?(.*)$/.exec(answerTopic);
      if (!match) return;
      const params = new URLSearchParams(match[2]);
      if (params.get('$rid') !== rid) return;
      client.removeListener('message', onMessage);
      const text = payload.toString('utf8');
      resolve({ topic: answerTopic, status: Number(match[1]), params, text, json: JSON.parse(text) as Record<string, unknown> });
    };
    client.on('message', onMessage);
    client.publish(topic.includes('?') ? `${topic}&$rid=${rid}` : `${topic}?$rid=${rid}`, body, { qos: 1 }, (error) => {
      if (error) reject(error);
    });
  });
}

export const REGISTER_TOPIC = '$dps/registrations/PUT/iotdps-register/';
export const pollTopic = (operationId: string): string => `$dps/registrations/GET/iotdps-get-operationstatus/?operationId=${operationId}`;
