import { Agent, request } from 'node:https';
import { deriveDeviceKey, signSasToken } from '../emulator/index.js';
import { registerAndPoll, type DeviceEndpoint, type DpsAnswer, type RegisterOptions, type RegistrationEnd, type SimulatedDevice } from './simulated-device.js';

const API = 'api-version=2019-03-31';

/**
 * A simulated device over HTTPS: one keep-alive connection (an agent of one socket), the SAS signed
 * once for a day, the paths built once; each registration is PUT register, then GET the operation
 * until it is no longer 202, honouring Retry-After (docs/protocol/https.md).
 */
export class HttpsDevice implements SimulatedDevice {
  readonly #agent: Agent;
  readonly #headers: Record<string, string>;
  readonly #registerPath: string;
  readonly #pollPrefix: string;

  constructor(
    private readonly endpoint: DeviceEndpoint,
    readonly registrationId: string,
    groupKey: string,
  ) {
    this.#agent = new Agent({ keepAlive: true, maxSockets: 1, ca: endpoint.caPem, servername: 'localhost', noDelay: true });
    const sas = signSasToken({ idScope: endpoint.idScope, registrationId, key: deriveDeviceKey(groupKey, registrationId), expiry: Math.floor(Date.now() / 1000) + 86_400 });
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

  #send(method: string, path: string, body: string | undefined, signal: AbortSignal): Promise<DpsAnswer> {
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
      const headers = payload === undefined ? this.#headers : { ...this.#headers, 'content-length': String(payload.length) };
      const req = request({ host: this.endpoint.host, port: this.endpoint.httpsPort, method, path, headers, agent: this.#agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            // a non-JSON answer keeps an empty body; the status decides
          }
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, body: parsed, ...(retryAfter === undefined ? {} : { retryAfterSeconds: Number(retryAfter) || 0 }) });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): Promise<void> {
    this.#agent.destroy();
    return Promise.resolve();
  }
}
