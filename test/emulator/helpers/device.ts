import { signSasToken, type RunningEmulator } from '../../../src/emulator/index.js';
import { httpsCall, type HttpsAnswer } from './https-call.js';

export const API = 'api-version=2019-03-31';

/** Where the emulator serves devices, as the reference device's registerDevice takes it. */
export interface DeviceEndpoint {
  host: string;
  httpsPort: number;
  mqttPort: number;
  amqpPort: number;
  caPem: string;
  idScope: string;
}

export function deviceEndpointOf(emulator: RunningEmulator): DeviceEndpoint {
  return {
    host: emulator.host,
    httpsPort: emulator.httpsPort,
    mqttPort: emulator.mqttPort,
    amqpPort: emulator.amqpPort,
    caPem: emulator.caPem,
    idScope: emulator.idScope,
  };
}

/** A valid SAS for a registration of this emulator (group-derived key, 1 hour). */
export function sasFor(emulator: RunningEmulator, registrationId: string, overrides: { encoding?: 'upper' | 'lower' | 'raw'; expiry?: number; key?: string } = {}): string {
  return signSasToken({
    idScope: emulator.idScope,
    registrationId,
    key: overrides.key ?? emulator.deriveDeviceKey(registrationId),
    expiry: overrides.expiry ?? Math.floor(Date.now() / 1000) + 3600,
    ...(overrides.encoding ? { encoding: overrides.encoding } : {}),
  });
}

export function registerPath(emulator: RunningEmulator, registrationId: string): string {
  return `/${emulator.idScope}/registrations/${registrationId}/register?${API}`;
}

export function register(
  emulator: RunningEmulator,
  registrationId: string,
  body: unknown = { registrationId },
  sas = sasFor(emulator, registrationId),
): Promise<HttpsAnswer> {
  return httpsCall(emulator, { method: 'PUT', path: registerPath(emulator, registrationId), body: JSON.stringify(body), headers: { authorization: sas } });
}

export function poll(emulator: RunningEmulator, registrationId: string, operationId: string, sas = sasFor(emulator, registrationId)): Promise<HttpsAnswer> {
  return httpsCall(emulator, { method: 'GET', path: `/${emulator.idScope}/registrations/${registrationId}/operations/${operationId}?${API}`, body: '{}', headers: { authorization: sas } });
}

/** Register, then poll until a 200 (at most `maxPolls`); returns every answer. */
export async function registerUntilDone(emulator: RunningEmulator, registrationId: string, body?: unknown, maxPolls = 20): Promise<HttpsAnswer[]> {
  const first = await register(emulator, registrationId, body);
  const answers = [first];
  const operationId = String(first.json['operationId']);
  for (let i = 0; i < maxPolls; i += 1) {
    const answer = await poll(emulator, registrationId, operationId);
    answers.push(answer);
    if (answer.status !== 202) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return answers;
}
