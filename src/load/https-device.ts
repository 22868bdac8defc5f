import { Client } from 'undici';
import { deriveDeviceKey, signSasToken } from '../emulator/index.js';
import { registerAndPoll, type DeviceEndpoint, type DpsAnswer, type RegisterOptions, type RegistrationEnd, type SimulatedDevice } from './simulated-device.js';

const API = 'api-version=2019-03-31';

/**
 * A simulated device over HTTPS: one keep-alive connection (an undici client), the SAS signed
 * once for a day, the paths built once; each registration is PUT register, then GET the operation
 * until it is no longer 202, honouring Retry-After (docs/protocol/https.md).
 */
export class HttpsDevice implements SimulatedDevice {
  readonly #client: Client;
  readonly #headers: Record<string, string>;
  readonly #registerPath: string;
  readonly #pollPrefix: string;

  constructor(
    private readonly endpoint: DeviceEndpoint,
    readonly registrationId: string,
    groupKey: string,
  ) {
    // the emulator's certificate names localhost; the endpoint may be an address
    this.#client = new Client(`https://${endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host}:${endpoint.httpsPort}`, {
      connect: { ca: endpoint.caPem, servername: 'localhost', rejectUnauthorized: true },
    });
    const sas = signSasToken({
      idScope: endpoint.idScope,
      registrationId,
      key: deriveDeviceKey(groupKey, registrationId),
      expiry: Math.floor(Date.now() / 1000) + 86_400,
    });
    this.#headers = { authorization: sas, 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'utf-8' };
    this.#registerPath = `/${endpoint.idScope}/registrations/${encodeURIComponent(registrationId)}/register?${API}`;
    this.#pollPrefix = `/${endpoint.idScope}/registrations/${encodeURIComponent(registrationId)}/operations/`;
  }

  register(body: string, options: RegisterOptions): Promise<RegistrationEnd> {
    return registerAndPoll(
      (step, signal) => (step.kind === 'register' ? this.#send('PUT', this.#registerPath, body, signal) : this.#send('GET', `${this.#pollPrefix}${encodeURIComponent(step.operationId)}?${API}`, undefined, signal)),
      body,
      options,
    );
  }

  async #send(method: 'PUT' | 'GET', path: string, body: string | undefined, signal: AbortSignal): Promise<DpsAnswer> {
    const answer = await this.#client.request({ method, path, headers: this.#headers, ...(body === undefined ? {} : { body }), signal });
    const text = await answer.body.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // a non-JSON answer keeps an empty body; the status decides
    }
    const retryAfter = answer.headers['retry-after'];
    return { status: answer.statusCode, body: parsed, ...(retryAfter === undefined ? {} : { retryAfterSeconds: Number(retryAfter) || 0 }) };
  }

  close(): Promise<void> {
    return this.#client.destroy().catch(() => undefined);
  }
}
