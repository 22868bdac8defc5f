import { Agent, request } from 'node:https';
import type { DeviceRegistration, DpsAnswer, DpsChannel } from './device-types.js';
import { DeviceError } from './device-types.js';
import { clientTlsIdentity, sasOrNone } from './client-identity.js';
import { registrationSasToken } from './sas-token.js';

export const API_VERSION = '2019-03-31';
const USER_AGENT = 'dps-conformance-reference-device/1';

/** Parses a Retry-After value in seconds (HTTPS header or MQTT topic parameter); undefined when absent or unusable. */
export function parseRetryAfter(value: string | string[] | undefined | null): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === null || !/^\s*\d+(\.\d+)?\s*$/.test(text)) return undefined;
  return Number(text);
}

/** DPS over HTTPS (docs/protocol/https.md): PUT .../register, then GET .../operations/{id}, over one kept-alive connection. */
export function httpsChannel(reg: DeviceRegistration): DpsChannel {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: reg.caPem, ...clientTlsIdentity(reg) });
  const base = `/${encodeURIComponent(reg.idScope)}/registrations/${encodeURIComponent(reg.registrationId)}`;
  const send = (method: 'PUT' | 'GET', path: string, bodyText: string | undefined, timeoutMs: number): Promise<DpsAnswer> =>
    new Promise((resolve, reject) => {
      const expiry = Math.ceil(Date.now() / 1000) + 3600;
      const headers: Record<string, string | number> = {
        accept: 'application/json',
        'user-agent': USER_AGENT,
      };
      const sas = sasOrNone(reg, () => registrationSasToken(reg.idScope, reg.registrationId, reg.deviceKey, expiry));
      if (sas !== undefined) headers['authorization'] = sas;
      const body = bodyText === undefined ? undefined : Buffer.from(bodyText, reg.httpsBodyEncoding ?? 'utf8');
      if (body) {
        headers['content-type'] = 'application/json; charset=utf-8';
        headers['content-length'] = body.length;
      }
      const req = request(
        { host: reg.host, port: reg.httpsPort, method, path: `${path}?api-version=${API_VERSION}`, headers, ca: reg.caPem, agent, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(new DeviceError(`reading the DPS response failed: ${error.message}`)));
          res.on('end', () => {
            const answer: DpsAnswer = { status: res.statusCode ?? 0, bodyText: Buffer.concat(chunks).toString('utf8') };
            const retryAfter = parseRetryAfter(res.headers['retry-after']);
            if (retryAfter !== undefined) answer.retryAfterSeconds = retryAfter;
            resolve(answer);
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', (error) => reject(new DeviceError(`${method} ${path} failed: ${error.message}`)));
      req.end(body);
    });
  return {
    register: (bodyText, timeoutMs) => send('PUT', `${base}/register`, bodyText, timeoutMs),
    poll: (operationId, timeoutMs) => send('GET', `${base}/operations/${encodeURIComponent(operationId)}`, undefined, timeoutMs),
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
}
